package io.licensesatellite.protocol.smartagent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.licensesatellite.agent.AgentMessages.Credentials;
import io.licensesatellite.agent.AgentMessages.DeviceIdentity;
import io.licensesatellite.agent.SmartAgentClient;
import io.licensesatellite.agent.SmartAgentClient.Framing;
import io.licensesatellite.devices.Udi;
import io.licensesatellite.pki.DeviceSignatures;
import java.security.KeyPair;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** An ID-certificate renewal may move the device to a new key only by proving it holds that key. */
class NewKeyProofOfPossessionTest {
    private final DoorFixture door = new DoorFixture();
    private final Udi udi = new Udi("C9300-24T", "FOC2233X0PP", null);

    @Test
    void aBareNewPublicKeyIsRefused() {
        ObjectNode data = WireJson.object();
        data.put("public_key", Base64.getEncoder().encodeToString(DeviceSignatures.generateEcKeyPair().getPublic().getEncoded()));
        assertThatThrownBy(() -> RequestData.idCertificateRenewal(data, udi))
                .isInstanceOf(InvalidRequestDataException.class).hasMessageContaining("must be sent as a csr");
    }

    @Test
    void aNewKeyInItsOwnCsrIsCertified() {
        SmartAgentClient client = door.client(Framing.JSON);
        DeviceIdentity device = DoorFixture.aDevice("FOC2233X0PQ");
        Credentials credentials = door.registered(client, device);
        KeyPair newKeys = DeviceSignatures.generateEcKeyPair();

        var renewed = client.renewIdCertificate(credentials, newKeys);

        assertThat(renewed.succeeded()).isTrue();
        String pem = ((io.licensesatellite.agent.AgentReply.Success<io.licensesatellite.agent.AgentMessages.IdCertificateRenewal>) renewed)
                .data().idCertificatePem();
        assertThat(DeviceSignatures.parseCertificate(pem).getPublicKey().getEncoded()).isEqualTo(newKeys.getPublic().getEncoded());
    }
}
