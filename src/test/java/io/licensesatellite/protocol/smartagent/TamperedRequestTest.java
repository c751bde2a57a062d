package io.licensesatellite.protocol.smartagent;

import static org.assertj.core.api.Assertions.assertThat;

import io.licensesatellite.agent.AgentMessages.Credentials;
import io.licensesatellite.agent.AgentMessages.DeviceIdentity;
import io.licensesatellite.agent.AgentMessages.Entitlement;
import io.licensesatellite.agent.AgentMessages.RegisterRequest;
import io.licensesatellite.agent.AgentReply;
import io.licensesatellite.agent.SmartAgentClient.Framing;
import io.licensesatellite.devices.FailureReason;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@DisplayName("A request altered by one byte after signing is answered 'Data and Signature do not Match'")
class TamperedRequestTest {
    private final DoorFixture door = new DoorFixture();
    private final DeviceIdentity device = DoorFixture.aDevice("FOC2233X0AB");

    @ParameterizedTest
    @EnumSource(Framing.class)
    void aTamperedAuthorisationRequestIsRefusedAndNotPassedOn(Framing framing) {
        Credentials credentials = door.registered(door.client(framing), device);
        int before = door.requests.commands().size();
        var tampering = door.client(framing, door.transport(DoorFixture.replacing("en_US.UTF-8", "en_US.UTF-9"), b -> b));

        AgentReply<?> reply = tampering.authorize(credentials, List.of(new Entitlement("C9300 Network Advantage", 1)));

        assertThat(reply).isEqualTo(new AgentReply.Failure<>("FAILED", "Data and Signature do not Match", true));
        assertThat(door.requests.commands()).hasSize(before);
    }

    @ParameterizedTest
    @EnumSource(Framing.class)
    void aTamperedRegistrationFailsProofOfPossession(Framing framing) {
        var tampering = door.client(framing, door.transport(DoorFixture.replacing("en_US.UTF-8", "en_US.UTF-9"), b -> b));

        AgentReply<?> reply = tampering.register(device, RegisterRequest.withToken(FakeDeviceRequests.TOKEN, false),
                null, door.keys.signerCertificate());

        assertThat(reply).isEqualTo(new AgentReply.Failure<>(FailureReason.SIGNATURE_MISMATCH.status(),
                FailureReason.SIGNATURE_MISMATCH.message(null), true));
        assertThat(door.requests.commands()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Framing.class)
    void aRequestSignedByAnotherKeyThanTheRegisteredOneIsRefused(Framing framing) {
        Credentials credentials = door.registered(door.client(framing), device);
        DeviceIdentity impostor = DoorFixture.aDevice("FOC2233X0AB");
        Credentials stolenSerials = new Credentials(impostor, credentials.productInstanceId(), credentials.idCertSerial(),
                credentials.signerSerial(), credentials.signerCertificate(), credentials.caCertificate());

        AgentReply<?> reply = door.client(framing).deregister(stolenSerials);

        assertThat(reply).isEqualTo(new AgentReply.Failure<>("FAILED", "Data and Signature do not Match", true));
        assertThat(door.requests.registeredDevices()).isEqualTo(1);
    }
}
