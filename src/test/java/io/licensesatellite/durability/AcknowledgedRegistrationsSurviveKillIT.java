package io.licensesatellite.durability;

import static org.assertj.core.api.Assertions.assertThat;

import io.licensesatellite.agent.AgentMessages.DeviceIdentity;
import io.licensesatellite.agent.AgentMessages.RegisterRequest;
import io.licensesatellite.agent.AgentMessages.Registration;
import io.licensesatellite.agent.AgentReply;
import io.licensesatellite.agent.AgentTls;
import io.licensesatellite.agent.SmartAgentClient;
import io.licensesatellite.pki.DeviceSignatures;
import io.licensesatellite.testing.SatelliteProcess;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged satellite is killed with SIGKILL in the middle of a burst of registrations. After a restart on
 * the same data directory, every registration a device got an answer for must be there, with its token use.
 */
class AcknowledgedRegistrationsSurviveKillIT {
    static final int CLIENTS = 8;

    @TempDir
    Path temp;

    @Test
    void everyAcknowledgedRegistrationSurvivesKillMinus9() throws Exception {
        Path dataDir = temp.resolve("data");
        Files.createDirectories(dataDir);
        Queue<String> acknowledged = new ConcurrentLinkedQueue<>();
        long tokenId;
        try (SatelliteProcess satellite = new SatelliteProcess(dataDir).start()) {
            long va = id(satellite.admin("POST", "/api/v1/virtual-accounts", "{\"name\":\"Durability\"}"));
            HttpResponse<String> created = satellite.admin("POST", "/api/v1/virtual-accounts/" + va + "/tokens",
                    "{\"description\":\"burst\",\"expiresInDays\":1,\"maxUses\":1000000}");
            assertThat(created.statusCode()).isEqualTo(201);
            String token = field(created.body(), "token");
            tokenId = id(created);

            SmartAgentClient client = SmartAgentClient.overHttps(satellite.deviceDoorUri(), AgentTls.insecure(),
                    SmartAgentClient.Framing.JSON, Clock.systemUTC());
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger serial = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
            for (int i = 0; i < CLIENTS; i++) {
                pool.submit(() -> {
                    while (!stop.get()) {
                        DeviceIdentity device = new DeviceIdentity("C9300-48P", "KILL" + serial.incrementAndGet(), null,
                                DeviceSignatures.generateEcKeyPair());
                        try {
                            AgentReply<Registration> reply = client.register(device, RegisterRequest.withToken(token, false));
                            if (reply instanceof AgentReply.Success<Registration> ok) {
                                acknowledged.add(ok.data().productInstanceId());
                            }
                        } catch (RuntimeException connectionLost) {
                            // Requests in flight when the process dies get no answer: nothing was acknowledged.
                        }
                    }
                });
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (acknowledged.size() < 200 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            satellite.kill();
            stop.set(true);
            pool.shutdown();
            assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        }
        List<String> acked = List.copyOf(acknowledged);
        assertThat(acked).as("registrations acknowledged before the kill").hasSizeGreaterThanOrEqualTo(200);

        try (SatelliteProcess restarted = new SatelliteProcess(dataDir).start()) {
            for (String piid : acked) {
                assertThat(restarted.admin("GET", "/api/v1/product-instances/" + piid, null).statusCode())
                        .as("acknowledged instance " + piid + " after kill -9").isEqualTo(200);
            }
            int uses = Integer.parseInt(field(restarted.admin("GET", "/api/v1/tokens/" + tokenId, null).body(), "uses"));
            assertThat(uses).as("token uses counted for every acknowledged registration").isGreaterThanOrEqualTo(acked.size());
        }
    }

    private static long id(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 201);
        Matcher m = Pattern.compile("\"id\"\\s*:\\s*(\\d+)").matcher(response.body());
        assertThat(m.find()).isTrue();
        return Long.parseLong(m.group(1));
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"?([^\",}]+)").matcher(json);
        assertThat(m.find()).as(name + " in " + json).isTrue();
        return m.group(1);
    }
}
