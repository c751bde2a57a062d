package io.licensesatellite.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.licensesatellite.agent.AgentMessages.Credentials;
import io.licensesatellite.agent.AgentMessages.Entitlement;
import io.licensesatellite.agent.AgentMessages.RegisterRequest;
import io.licensesatellite.agent.SmartAgentClient.Framing;
import io.licensesatellite.pki.DeviceSignatures;
import io.licensesatellite.protocol.smartagent.DoorFixture;
import io.licensesatellite.protocol.smartagent.FakeDeviceRequests;
import io.licensesatellite.protocol.smartagent.FakeSatelliteKeys;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@DisplayName("The simulated device acts only on answers whose signature verifies")
class ReplyVerificationTest {
    private final DoorFixture door = new DoorFixture();
    private final List<Entitlement> oneLicence = List.of(new Entitlement("C9300 Network Advantage", 1));

    private static void assertUntrusted(Runnable exchange, String why) {
        assertThatThrownBy(exchange::run).isInstanceOfSatisfying(SmartAgentException.class, e -> {
            assertThat(e.kind()).isEqualTo(SmartAgentException.Kind.UNTRUSTED_REPLY);
            assertThat(e.getMessage()).contains(why);
        });
    }

    @ParameterizedTest
    @EnumSource(Framing.class)
    void anAnswerSignedWithAnotherKeyIsRejected(Framing framing) {
        Credentials credentials = door.registered(door.client(framing), DoorFixture.aDevice("FOC2233X0AB"));
        door.keys.signWithWrongKey();

        assertUntrusted(() -> door.client(framing).authorize(credentials, oneLicence), "signature does not verify");
    }

    @Test
    void anAnswerAlteredOnTheWayIsRejected() {
        Credentials credentials = door.registered(door.client(Framing.JSON), DoorFixture.aDevice("FOC2233X0AB"));
        var altering = door.client(Framing.JSON, door.transport(b -> b, DoorFixture.replacing("AUTHORIZED", "AUTHORISED")));

        assertUntrusted(() -> altering.authorize(credentials, oneLicence), "signature does not verify");
    }

    @Test
    void aRegistrationAnswerIsRejectedWhenItsSignerIsNotIssuedByTheTrustedCa() {
        FakeSatelliteKeys otherSatellite = new FakeSatelliteKeys(door.clock);

        assertUntrusted(() -> door.client(Framing.AML).register(DoorFixture.aDevice("FOC2233X0AB"),
                        RegisterRequest.withToken(FakeDeviceRequests.TOKEN, false), otherSatellite.caCertificate(), null),
                "not issued by the trusted satellite CA");
    }

    @Test
    void aRegistrationAnswerWithAForgedSignatureIsRejected() {
        door.keys.signWithWrongKey();

        assertUntrusted(() -> door.client(Framing.AML).register(DoorFixture.aDevice("FOC2233X0AB"),
                RegisterRequest.withToken(FakeDeviceRequests.TOKEN, false)), "signature does not verify");
    }

    @Test
    void anAnswerFromASignerTheDeviceDoesNotHoldAndWasNotOfferedIsRejected() {
        Credentials credentials = door.registered(door.client(Framing.JSON), DoorFixture.aDevice("FOC2233X0AB"));
        door.keys.rotateSigner();
        var withholding = door.client(Framing.JSON, door.transport(b -> b, reply -> new String(reply, java.nio.charset.StandardCharsets.UTF_8)
                .replaceAll(",\\s*\"signing_cert\"\\s*:\\s*\"[^\"]*\"", "").getBytes(java.nio.charset.StandardCharsets.UTF_8)));

        assertUntrusted(() -> withholding.authorize(credentials, oneLicence), "register again");
    }

    @Test
    void anAnswerToAnotherRequestIsRejected() {
        Credentials credentials = door.registered(door.client(Framing.JSON), DoorFixture.aDevice("FOC2233X0AB"));
        byte[][] previous = new byte[1][];
        var recording = door.client(Framing.JSON, (contentType, body) -> {
            var response = door.transport().post(contentType, body);
            previous[0] = response.body();
            return response;
        });
        recording.authorize(credentials, oneLicence);
        var replay = door.client(Framing.JSON, (contentType, body) ->
                new AgentTransport.Response(200, "application/json", previous[0]));

        assertThatThrownBy(() -> replay.authorize(credentials, oneLicence))
                .isInstanceOfSatisfying(SmartAgentException.class, e -> assertThat(e.kind()).isEqualTo(SmartAgentException.Kind.BAD_REPLY))
                .hasMessageContaining("nonce");
    }

    @Test
    void theSignerCertificateReceivedAtRegistrationChainsToTheCa() throws Exception {
        Credentials credentials = door.registered(door.client(Framing.AML), DoorFixture.aDevice("FOC2233X0AB"));

        credentials.signerCertificate().verify(credentials.caCertificate().getPublicKey());
        assertThat(DeviceSignatures.toPem(credentials.caCertificate()).strip()).isEqualTo(door.keys.caCertificatePem().strip());
    }
}
