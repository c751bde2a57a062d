package io.licensesatellite.protocol.smartagent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.licensesatellite.agent.AgentMessages.Credentials;
import io.licensesatellite.agent.AgentMessages.Entitlement;
import io.licensesatellite.agent.SmartAgentClient;
import io.licensesatellite.agent.SmartAgentClient.Framing;
import io.licensesatellite.agent.SmartAgentException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * When the satellite rotates its message signer, devices registered before keep working: each answer to a
 * device naming an older signer carries the new signer certificate, which the device accepts because it chains
 * to the CA it trusts. Without this every device would have to re-register at each rotation.
 */
class SignerRolloverTest {
    private final DoorFixture door = new DoorFixture();
    private final List<Entitlement> oneLicence = List.of(new Entitlement("C9300 Network Advantage", 1));

    @Test
    void aDeviceHoldingTheOldSignerAcceptsAnswersFromTheNewOne() {
        SmartAgentClient client = door.client(Framing.AML);
        Credentials credentials = door.registered(client, DoorFixture.aDevice("FOC2233X0RO"));
        door.keys.rotateSigner();

        assertThat(client.authorize(credentials, oneLicence).succeeded()).isTrue();
        assertThat(client.newestSigner()).isEqualTo(door.keys.signerCertificate());
    }

    @Test
    void aNewSignerNotIssuedByTheTrustedCaIsRefused() {
        SmartAgentClient client = door.client(Framing.JSON);
        Credentials credentials = door.registered(client, DoorFixture.aDevice("FOC2233X0RP"));
        door.keys.rotateSigner();
        Credentials trustingAnotherCa = new Credentials(credentials.device(), credentials.productInstanceId(),
                credentials.idCertSerial(), credentials.signerSerial(), credentials.signerCertificate(),
                credentials.signerCertificate());

        assertThatThrownBy(() -> client.authorize(trustingAnotherCa, oneLicence))
                .isInstanceOf(SmartAgentException.class).hasMessageContaining("not issued by the trusted satellite CA");
    }
}
