package io.licensesatellite.sync.file;

import static io.licensesatellite.sync.file.SyncFileFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.licensesatellite.sync.file.SyncRequestFile.AuthorizationRequest;
import io.licensesatellite.sync.file.SyncRequestFile.Entitlement;
import io.licensesatellite.sync.file.SyncRequestFile.UsageReport;
import io.licensesatellite.sync.file.SyncResponseFile.AuthorizationCode;
import io.licensesatellite.sync.file.SyncResponseFile.UsageAcknowledgement;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The optional Smart Licensing Using Policy sections of the sync files: byte-exact payloads, old files unchanged. */
class UsageSectionsTest {

    /** A device's payload and signature come back exactly: any Unicode, quotes, backslashes, JSON escapes, newlines. */
    @Property(tries = 500)
    void aReportsPayloadAndSignatureSurviveTheRequestFileExactly(@ForAll("payloads") String payload,
            @ForAll("payloads") String signature) throws SyncFileException {
        SyncRequestFile file = withUsage(List.of(new UsageReport("Campus", "C9300-24T", "FOC1", "regid.tag", 1700000000L,
                payload, signature)), List.of());

        byte[] raw = files().writeRequest(file, SATELLITE.keys().getPrivate(), SATELLITE.certificate());
        UsageReport read = files().readRequest(raw, SATELLITE.trust()).file().payload().usageReports().get(0);

        assertThat(read.payload().getBytes(StandardCharsets.UTF_8)).isEqualTo(payload.getBytes(StandardCharsets.UTF_8));
        assertThat(read.signature()).isEqualTo(signature);
    }

    @Provide
    Arbitrary<String> payloads() {
        Arbitrary<String> json = Arbitraries.of(
                "{\"version\":\"2.0\",\"asset_identification\":{\"report_id\":1700000000}}",
                "{\"payload\":\"{\\\"a\\\":\\\"b\\\\n\\\"}\",\"x\":\"ü€𝄞\"}",
                "{\"signing_type\":\"builtin\",\"value\":\"q83vEjRWeJCrze8SNFZ4kKvN7xI0VniQ=\"}");
        Arbitrary<String> unicode = Arbitraries.integers().between(1, 0x10FFFF)
                .filter(cp -> cp < 0xD800 || cp > 0xDFFF).map(Character::toString).list().ofMaxSize(40)
                .map(parts -> String.join("", parts));
        Arbitrary<String> tricky = Arbitraries.strings().withChars("\"\\'{}[]:,# \t\n\r\u0085\u2028\ufeffé").ofMaxLength(30);
        return Arbitraries.oneOf(json, unicode, tricky);
    }

    @Test
    void requestsAndResponsesWithTheSectionsReadBack() throws SyncFileException {
        SyncRequestFile request = withUsage(
                List.of(new UsageReport("Campus", "C9300-24T", "FOC1", null, 5, "{\"p\":1}", "{\"s\":2}")),
                List.of(new AuthorizationRequest(7, "Campus", "C9300-24T", "FOC1", List.of(new Entitlement("regid.hseck9", 1)))));
        byte[] rawRequest = files().writeRequest(request, SATELLITE.keys().getPrivate(), SATELLITE.certificate());
        assertThat(files().readRequest(rawRequest, SATELLITE.trust()).file()).isEqualTo(request);

        SyncResponseFile base = aResponse();
        SyncResponseFile response = new SyncResponseFile(base.header(), base.licenses(), base.alerts(), null,
                List.of(new UsageAcknowledgement("C9300-24T", "FOC1", List.of(5L, 6L), "PHNtYXJ0TGljZW5zZS8+")),
                List.of(new AuthorizationCode(7, "C9300-24T", "FOC1", "SUCCESS", "PHNtYXJ0TGljZW5zZS8+", null),
                        new AuthorizationCode(8, "C9300-24T", "FOC2", "FAILED", null, "lacks licences")));
        byte[] rawResponse = files().writeResponse(response, UPSTREAM.keys().getPrivate(), UPSTREAM.certificate());
        assertThat(files().readResponse(rawResponse, UPSTREAM.trust()).file()).isEqualTo(response);
    }

    @Test
    void filesWithoutTheSectionsAreWrittenAsBeforeAndReadAsEmpty() throws SyncFileException {
        byte[] raw = files().writeRequest(aRequest(), SATELLITE.keys().getPrivate(), SATELLITE.certificate());

        assertThat(new String(raw, StandardCharsets.UTF_8)).doesNotContain("usage_reports").doesNotContain("authorization_requests");
        assertThat(files().readRequest(raw, SATELLITE.trust()).file().payload().usageReports()).isEmpty();
        byte[] response = files().writeResponse(aResponse(), UPSTREAM.keys().getPrivate(), UPSTREAM.certificate());
        assertThat(new String(response, StandardCharsets.UTF_8)).doesNotContain("usage_acknowledgements");
        assertThat(files().readResponse(response, UPSTREAM.trust()).file().usageAcknowledgements()).isEmpty();
    }

    @Test
    void aSuccessfulCodeWithoutItsDocumentIsRefused() {
        SyncResponseFile base = aResponse();
        SyncResponseFile response = new SyncResponseFile(base.header(), base.licenses(), base.alerts(), null, List.of(),
                List.of(new AuthorizationCode(7, "C9300-24T", "FOC1", "SUCCESS", null, null)));

        assertThatThrownBy(() -> files().writeResponse(response, UPSTREAM.keys().getPrivate(), UPSTREAM.certificate()))
                .hasMessageContaining("authorization_codes[0].document");
    }

    private static SyncRequestFile withUsage(List<UsageReport> reports, List<AuthorizationRequest> requests) {
        SyncRequestFile base = aRequest();
        SyncRequestFile.Payload p = base.payload();
        return new SyncRequestFile(base.header(), new SyncRequestFile.Payload(p.smartAccount(), p.usage(), p.productInstances(),
                p.removedInstances(), p.events(), p.certificateRenewal(), reports, requests));
    }
}
