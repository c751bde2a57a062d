package io.licensesatellite.protocol.smartagent;

import static org.assertj.core.api.Assertions.assertThat;

import io.licensesatellite.agent.AgentMessages.Credentials;
import io.licensesatellite.agent.AgentMessages.Entitlement;
import io.licensesatellite.agent.AgentReply;
import io.licensesatellite.agent.SmartAgentClient;
import io.licensesatellite.agent.SmartAgentClient.Framing;
import io.licensesatellite.devices.FailureReason;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("Requests naming no or stale certificates get a signed LS_INVALID_DATA reply")
class InvalidDataRepliesTest {
    private final DoorFixture door = new DoorFixture();
    private final SmartAgentClient client = door.client(Framing.JSON);
    private final Credentials credentials = door.registered(client, DoorFixture.aDevice("FOC2233X0AB"));
    private final List<Entitlement> oneLicence = List.of(new Entitlement("C9300 Network Advantage", 1));

    private Credentials with(String idCertSerial, String signerSerial) {
        return new Credentials(credentials.device(), credentials.productInstanceId(), idCertSerial, signerSerial,
                credentials.signerCertificate(), credentials.caCertificate());
    }

    @Nested
    @DisplayName("missing serial number fields")
    class MissingSerials {
        @Test
        void missingIdCertSerial() {
            assertThat(client.authorize(with(null, credentials.signerSerial()), oneLicence))
                    .isEqualTo(new AgentReply.Failure<>("LS_INVALID_DATA", "Missing Id Cert Serial Number Field", true));
        }

        @Test
        void missingSigningCertSerial() {
            assertThat(client.authorize(with(credentials.idCertSerial(), null), oneLicence))
                    .isEqualTo(new AgentReply.Failure<>("LS_INVALID_DATA", "Missing Signing Cert Serial Number Field", true));
        }

        @Test
        void bothMissingAreJoinedInTheirOrder() {
            assertThat(client.renewIdCertificate(with(null, null), null)).isEqualTo(new AgentReply.Failure<>("LS_INVALID_DATA",
                    FailureReason.MISSING_ID_CERT_SERIAL + "; " + FailureReason.MISSING_SIGNING_CERT_SERIAL, true));
            assertThat(door.requests.commands()).hasSize(1);
        }
    }

    @Nested
    @DisplayName("a signer certificate the satellite no longer accepts")
    class StaleSigner {
        @Test
        void anExpiredSignerIsSignedDataAndCertificateDoesNotMatch() {
            door.keys.expire(credentials.signerSerial());

            assertThat(client.authorize(credentials, oneLicence))
                    .isEqualTo(new AgentReply.Failure<>("LS_INVALID_DATA", "Signed Data and Certificate does not Match", true));
        }

        @Test
        void anUnknownSignerIsSignedDataAndCertificateDoesNotMatch() {
            assertThat(client.deregister(with(credentials.idCertSerial(), "424242")))
                    .isEqualTo(new AgentReply.Failure<>("LS_INVALID_DATA", "Signed Data and Certificate does not Match", true));
        }

        @Test
        void aMissingIdCertSerialAndAnExpiredSignerAreBothReported() {
            door.keys.expire(credentials.signerSerial());

            assertThat(client.authorize(with(null, credentials.signerSerial()), oneLicence)).isEqualTo(new AgentReply.Failure<>(
                    "LS_INVALID_DATA", "Missing Id Cert Serial Number Field; Signed Data and Certificate does not Match", true));
        }

        @Test
        void aRetiredButValidSignerIsStillAccepted() {
            door.keys.rotateSigner();
            Credentials holdingTheNewSigner = new Credentials(credentials.device(), credentials.productInstanceId(),
                    credentials.idCertSerial(), credentials.signerSerial(), door.keys.signerCertificate(), credentials.caCertificate());

            assertThat(client.authorize(holdingTheNewSigner, oneLicence).succeeded()).isTrue();
        }
    }

    @Test
    void anUnknownIdCertificateIsNotRegisteredWithTheInstanceNamed() {
        assertThat(client.authorize(with("999999", credentials.signerSerial()), oneLicence)).isEqualTo(new AgentReply.Failure<>(
                "FAILED", "{\"product_instance_identifier\":[\"The identity for the instance " + credentials.productInstanceId()
                        + " is not valid.Please re-register the instance.\"]}", true));
    }

    @Test
    void entitlementCountsOutOfBoundsNameTheField() {
        assertThat(client.authorize(credentials, List.of(new Entitlement("C9300 Network Advantage", 100_001))))
                .isEqualTo(new AgentReply.Failure<>("LS_INVALID_DATA",
                        "request_data.entitlements[0].count: an integer from 1 to 100000 is expected", true));
    }

    @Test
    void anEmptyEntitlementListIsRefused() {
        assertThat(client.authorize(credentials, List.of())).isEqualTo(new AgentReply.Failure<>("LS_INVALID_DATA",
                "request_data.entitlements: 1 to 100 entries expected", true));
    }
}
