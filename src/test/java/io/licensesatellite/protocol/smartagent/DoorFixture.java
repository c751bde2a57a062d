package io.licensesatellite.protocol.smartagent;

import io.licensesatellite.agent.AgentMessages.Credentials;
import io.licensesatellite.agent.AgentMessages.DeviceIdentity;
import io.licensesatellite.agent.AgentMessages.RegisterRequest;
import io.licensesatellite.agent.AgentMessages.Registration;
import io.licensesatellite.agent.AgentReply;
import io.licensesatellite.agent.AgentTransport;
import io.licensesatellite.agent.SmartAgentClient;
import io.licensesatellite.agent.SmartAgentClient.Framing;
import io.licensesatellite.pki.DeviceSignatures;
import io.licensesatellite.platform.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.function.UnaryOperator;

/** A door wired to in-memory fakes, with the simulator's client talking to it without a network. */
public final class DoorFixture {
    public static final Instant START = Instant.parse("2025-01-15T10:00:00Z");
    public static final long MAX_BODY_BYTES = 64 * 1024;

    public final MutableClock clock = new MutableClock(START);
    public final FakeSatelliteKeys keys = new FakeSatelliteKeys(clock);
    public final FakeDeviceRequests requests = new FakeDeviceRequests(clock, keys).withLicences("C9300 Network Advantage", 10);
    public final DeviceRequestHandler handler = new DeviceRequestHandler(requests, keys, clock, MAX_BODY_BYTES);

    public static DeviceIdentity aDevice(String serialNumber) {
        return new DeviceIdentity("C9300-24T", serialNumber, "6fe83addc80240bc92dc071ac7a37624", DeviceSignatures.generateEcKeyPair());
    }

    public AgentTransport transport() {
        return transport(UnaryOperator.identity(), UnaryOperator.identity());
    }

    /** A transport that lets a test alter the request on its way in and the reply on its way out. */
    public AgentTransport transport(UnaryOperator<byte[]> request, UnaryOperator<byte[]> reply) {
        return (contentType, body) -> {
            DoorReply answer = handler.handle(contentType, request.apply(body));
            return new AgentTransport.Response(answer.status(), answer.contentType(), reply.apply(answer.body()));
        };
    }

    public SmartAgentClient client(Framing framing) {
        return new SmartAgentClient(transport(), framing, clock);
    }

    public SmartAgentClient client(Framing framing, AgentTransport transport) {
        return new SmartAgentClient(transport, framing, clock);
    }

    /** Registers {@code device} and returns what it then holds. */
    public Credentials registered(SmartAgentClient client, DeviceIdentity device) {
        AgentReply<Registration> reply = client.register(device, RegisterRequest.withToken(FakeDeviceRequests.TOKEN, false));
        if (!(reply instanceof AgentReply.Success<Registration> success)) {
            throw new AssertionError("registration failed: " + reply);
        }
        Registration r = success.data();
        return new Credentials(device, r.productInstanceId(), r.idCertSerial(), r.signerSerial(),
                DeviceSignatures.parseCertificate(r.signerCertificatePem()), DeviceSignatures.parseCertificate(r.caCertificatePem()));
    }

    /** Replaces the first occurrence of {@code from} by {@code to} in a UTF-8 body. */
    public static UnaryOperator<byte[]> replacing(String from, String to) {
        return body -> {
            String text = new String(body, StandardCharsets.UTF_8);
            if (!text.contains(from)) {
                throw new AssertionError("'" + from + "' not in the body");
            }
            return text.replaceFirst(java.util.regex.Pattern.quote(from), java.util.regex.Matcher.quoteReplacement(to))
                    .getBytes(StandardCharsets.UTF_8);
        };
    }
}
