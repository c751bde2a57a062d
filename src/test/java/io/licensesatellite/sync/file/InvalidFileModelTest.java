package io.licensesatellite.sync.file;

import static io.licensesatellite.sync.file.HostileFiles.*;
import static io.licensesatellite.sync.file.SyncFileFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.licensesatellite.sync.file.SyncFileException.Reason;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Valid, signed YAML that is not a valid file: refused as invalid, naming the field at fault by its path. */
class InvalidFileModelTest {

    @Nested
    class WrongTypes {
        @Test
        void aStringWhereAnIntegerIsExpected() {
            assertInvalid(aRequestWithLine("  sequence: 12", "  sequence: \"12\""),
                    "header.sequence: expected an integer, found a string \"12\"");
        }

        @Test
        void anIntegerWhereAStringIsExpected() {
            assertInvalid(aRequestWithLine("  satellite_name: \"lab-satellite\"", "  satellite_name: 42"),
                    "header.satellite_name: expected a string, found an integer 42");
        }

        @Test
        void aListWhereAMappingIsExpected() {
            assertInvalid(aRequestWithLine("      udi: { pid: \"C9300-24T\", serial: \"FOC1234X0AB\", uuid: null }",
                    "      udi: [\"C9300-24T\"]"), "payload.product_instances[0].udi: expected a mapping, found a list");
        }

        @Test
        void aStringWhereABooleanIsExpected() {
            assertInvalid(aRequestWithLine("      export_controlled: false", "      export_controlled: no"),
                    "payload.product_instances[0].export_controlled: expected true or false, found a string \"no\"");
        }

        @Test
        void anIntegerTooLargeForACount() {
            assertInvalid(aRequestWithLine("purchased: 10,", "purchased: 99999999999,"),
                    "payload.usage[0].tags[0].purchased: must be at most 2147483647");
        }
    }

    @Nested
    class MissingAndUnknownFields {
        @Test
        void aMissingRequiredFieldIsNamedByItsPath() {
            byte[] raw = signedBySatellite(signedPart(aSignedRequest())
                    .replaceFirst("serial: \"FOC1234X0AB\", ", "")
                    .replace("- id: \"i-2\"\n      udi: { pid: \"C9300-24T\", serial: \"FOC1234X0AB\", uuid: null }",
                            "- id: \"i-2\"\n      udi: { pid: \"C9300-24T\", uuid: null }"));
            assertInvalid(raw, "payload.product_instances[0].udi.serial: required");
        }

        @Test
        void aNullRequiredFieldIsRefusedAsMissing() {
            assertInvalid(aRequestWithLine("  smart_account: \"ACME Corp\"", "  smart_account: null"), "payload.smart_account: required");
        }

        @Test
        void anUnknownFieldIsRefused() {
            assertInvalid(aRequestWithLine("  software_version: \"0.1.0\"", "  software_version: \"0.1.0\"\n  sofware_version: \"0.1.0\""),
                    "header.sofware_version: unknown field");
        }
    }

    @Nested
    class BadValues {
        @Test
        void anInstantWithAnOffsetIsRefused() {
            assertInvalid(aRequestWithLine("  created_at: \"2026-11-23T10:15:30Z\"", "  created_at: \"2026-11-23T11:15:30+01:00\""),
                    "header.created_at: expected a UTC instant in whole seconds like \"2026-11-23T10:15:30Z\", found \"2026-11-23T11:15:30+01:00\"");
        }

        @Test
        void anInstantWithFractionalSecondsIsRefused() {
            assertInvalid(aRequestWithLine("  created_at: \"2026-11-23T10:15:30Z\"", "  created_at: \"2026-11-23T10:15:30.5Z\""),
                    "header.created_at: expected a UTC instant in whole seconds");
        }

        @Test
        void anImpossibleDateIsRefused() {
            assertInvalid(aRequestWithLine("  created_at: \"2026-11-23T10:15:30Z\"", "  created_at: \"2026-02-30T10:15:30Z\""),
                    "header.created_at: \"2026-02-30T10:15:30Z\" is not a valid date and time");
        }

        @Test
        void aNegativeCountIsRefused() {
            assertInvalid(aRequestWithLine("in_use: 12,", "in_use: -1,"), "payload.usage[0].tags[0].in_use: must be 0 or more, found -1");
        }

        @Test
        void aSequenceOfZeroIsRefused() {
            assertInvalid(aRequestWithLine("  sequence: 12", "  sequence: 0"), "header.sequence: must be 1 or more, found 0");
        }

        @Test
        void anUnknownSyncTypeIsRefused() {
            assertInvalid(aRequestWithLine("  type: standard", "  type: STANDARD"),
                    "header.type: must be one of full, standard, found \"STANDARD\"");
        }

        @Test
        void formatTwoAsksForAnUpgrade() {
            assertInvalid(aRequestWithLine("format: 1", "format: 2"), "format 2 is not supported by this satellite; upgrade it");
        }

        @Test
        void formatAsAStringIsRefused() {
            assertInvalid(aRequestWithLine("format: 1", "format: \"1\""), "format: expected an integer, found a string \"1\"");
        }

        @Test
        void anUnknownKindIsRefused() {
            assertInvalid(aRequestWithLine("kind: sync-request", "kind: invoice"),
                    "kind: \"invoice\" is not a kind of sync file (registration, authorization, sync-request, sync-response)");
        }

        @Test
        void aSatelliteIdThatIsNotAUuidIsRefused() {
            assertInvalid(aRequestWithLine("  satellite_id: \"" + SATELLITE_ID + "\"", "  satellite_id: \"lab\""),
                    "header.satellite_id: must be a UUID");
        }

        @Test
        void aDuplicateVirtualAccountInUsageIsRefused() {
            String usage = "    - virtual_account: \"Campus\"\n      tags:\n        - { tag: \"regid.2017-03.com.cisco.DNA_A\", purchased: 10, in_use: 12, overdrawn: 2 }\n";
            assertInvalid(aRequestWithLine(usage, usage + usage), "payload.usage[1].virtual_account: duplicate \"Campus\"");
        }
    }

    @Nested
    class Responses {
        private final String response = signedPart(files().writeResponse(aResponse(), UPSTREAM.keys().getPrivate(), UPSTREAM.certificate()));

        @Test
        void aTermLicenceWithoutEndDateIsRefused() {
            assertInvalidResponse(response.replace("type: TERM, end_date: \"2027-03-31\"", "type: TERM, end_date: null"),
                    "licenses.virtual_accounts[0].licenses[0].end_date: required for a TERM licence");
        }

        @Test
        void aDuplicateTagInOneVirtualAccountIsRefused() {
            assertInvalidResponse(response.replace("\"regid.2017-03.com.cisco.NW_A\"", "\"regid.2017-03.com.cisco.DNA_A\""),
                    "licenses.virtual_accounts[0].licenses[1].tag: duplicate \"regid.2017-03.com.cisco.DNA_A\"");
        }

        @Test
        void anUnknownSeverityIsRefused() {
            assertInvalidResponse(response.replace("severity: WARNING", "severity: warning"),
                    "alerts[0].severity: must be one of CRITICAL, INFO, WARNING, found \"warning\"");
        }

        @Test
        void aDigestThatIsNotSha256HexIsRefused() {
            assertInvalidResponse(response.replace(DIGEST, "abc"),
                    "header.in_reply_to.digest: must be the SHA-256 of the request file as 64 lower-case hex digits");
        }

        private static void assertInvalidResponse(String yaml, String detail) {
            assertThatThrownBy(() -> files().readResponse(UPSTREAM.sign(utf8(yaml)), UPSTREAM.trust()))
                    .isInstanceOfSatisfying(SyncFileException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID))
                    .hasMessageStartingWith(detail);
        }
    }

    @Test
    void theWriterRefusesARecordTheReaderWouldRefuse() {
        SyncRequestFile request = aRequest();
        SyncRequestFile negative = new SyncRequestFile(request.header(), new SyncRequestFile.Payload("ACME Corp", request.payload().usage(),
                java.util.List.of(), java.util.List.of(), java.util.List.of(anEvent(-5)), null));
        assertThatThrownBy(() -> files().writeRequest(negative, SATELLITE.keys().getPrivate(), SATELLITE.certificate()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Cannot write this sync file: payload.events[0].id: must be 1 or more, found -5");
    }

    private static void assertInvalid(byte[] raw, String detail) {
        assertThatThrownBy(() -> files().readRequest(raw, SATELLITE.trust()))
                .isInstanceOfSatisfying(SyncFileException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID))
                .hasMessageStartingWith(detail);
    }
}
