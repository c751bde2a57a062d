package io.licensesatellite.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.licensesatellite.agent.AgentMessages.Credentials;
import io.licensesatellite.agent.AgentMessages.DeviceIdentity;
import io.licensesatellite.agent.AgentMessages.RegisterRequest;
import io.licensesatellite.agent.AgentMessages.Registration;
import io.licensesatellite.agent.AgentReply;
import io.licensesatellite.agent.AgentTls;
import io.licensesatellite.agent.SmartAgentClient;
import io.licensesatellite.pki.DeviceSignatures;
import java.net.URI;
import java.time.Clock;
import java.util.UUID;

/** Object mother for simulated devices talking to the satellite under test over real HTTPS. */
public final class Devices {
    private final URI door;

    public Devices(int devicePort) {
        this.door = URI.create("https://127.0.0.1:" + devicePort);
    }

    public SmartAgentClient client(Clock deviceClock, SmartAgentClient.Framing framing) {
        return SmartAgentClient.overHttps(door, AgentTls.insecure(), framing, deviceClock);
    }

    public SmartAgentClient client() {
        return client(TestClock.CLOCK, SmartAgentClient.Framing.AML);
    }

    public static DeviceIdentity aSwitch() {
        return new DeviceIdentity("C9300-24T", "FOC" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(),
                UUID.randomUUID().toString().replace("-", ""), DeviceSignatures.generateEcKeyPair());
    }

    /** Registers and returns what the device holds afterwards; fails the test if the satellite refuses. */
    public static Credentials registered(SmartAgentClient client, DeviceIdentity device, String token) {
        AgentReply<Registration> reply = client.register(device, RegisterRequest.withToken(token, false));
        assertThat(reply).as("registration of " + device.udi()).isInstanceOf(AgentReply.Success.class);
        return credentials(device, ((AgentReply.Success<Registration>) reply).data());
    }

    public static Credentials credentials(DeviceIdentity device, Registration r) {
        return new Credentials(device, r.productInstanceId(), r.idCertSerial(), r.signerSerial(),
                DeviceSignatures.parseCertificate(r.signerCertificatePem()), DeviceSignatures.parseCertificate(r.caCertificatePem()));
    }

    @SuppressWarnings("unchecked")
    public static <T> T success(AgentReply<T> reply) {
        assertThat(reply).isInstanceOf(AgentReply.Success.class);
        return ((AgentReply.Success<T>) reply).data();
    }

    @SuppressWarnings("unchecked")
    public static AgentReply.Failure<?> failure(AgentReply<?> reply) {
        assertThat(reply).isInstanceOf(AgentReply.Failure.class);
        return (AgentReply.Failure<?>) reply;
    }
}
