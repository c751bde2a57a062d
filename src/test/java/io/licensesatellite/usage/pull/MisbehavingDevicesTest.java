package io.licensesatellite.usage.pull;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.licensesatellite.agent.slp.LabPolicyDevice;
import io.licensesatellite.agent.slp.SelfSignedIdentity;
import io.licensesatellite.agent.slp.SmartlicRestServer;
import io.licensesatellite.platform.MutableClock;
import io.licensesatellite.protocol.devicepull.DevicePullClient;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A run over many devices where some misbehave: each bad device gets its own precise result, within the timeouts,
 * and the healthy ones are pulled anyway: their reports stored, their acknowledgements imported.
 */
class MisbehavingDevicesTest {
    private static final String USER = "satellite";
    private static final String PASSWORD = "s3cret-device-pass";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T00:00:00Z"));
    private final List<AutoCloseable> closing = new ArrayList<>();
    private Vertx vertx;
    private InMemoryUsageStore store;
    private DevicePuller puller;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        store = new InMemoryUsageStore();
        DevicePullClient client = new DevicePullClient(vertx, Duration.ofSeconds(1), Duration.ofSeconds(2), 1024 * 1024);
        puller = new DevicePuller(client, store, store, clock);
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : closing) {
            c.close();
        }
        vertx.close().toCompletionStage().toCompletableFuture().get();
    }

    @Test
    void healthyDevicesArePulledWhileSilentGarbledAndLockedOnesEachFailPrecisely() throws Exception {
        LabPolicyDevice first = device("FOC0001");
        LabPolicyDevice second = device("FOC0002");
        SmartlicRestServer firstServer = serve(first, PASSWORD);
        SmartlicRestServer secondServer = serve(second, PASSWORD);
        SmartlicRestServer locked = serve(device("FOC0003"), "another-password");
        SmartlicRestServer changedCertificate = serve(device("FOC0004"), PASSWORD);
        int silent = silentPort();
        int garbage = garbagePort();
        int closed = closedPort();
        clock.advance(Duration.ofHours(6));

        List<PullTarget> targets = List.of(
                target(1, silent, null),
                target(2, firstServer.port(), null),
                target(3, garbage, null),
                target(4, locked.port(), null),
                target(5, secondServer.port(), secondServer.fingerprint()),
                target(6, closed, null),
                target(7, changedCertificate.port(), "00".repeat(32)),
                new PullTarget(8, "127.0.0.1", silentPort(), false, USER, PASSWORD, TlsVerification.PINNED, null, null, null));

        List<PullOutcome> outcomes = PullRun.run(targets, 3, t -> puller.pull(t, null));

        assertThat(outcomes).extracting(PullOutcome::deviceId).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
        assertThat(outcomes).extracting(PullOutcome::result).containsExactly(PullResult.TIMEOUT, PullResult.OK,
                PullResult.BAD_RESPONSE, PullResult.AUTH_FAILED, PullResult.OK, PullResult.UNREACHABLE, PullResult.TLS_FAILED,
                PullResult.TIMEOUT);
        assertThat(outcomes.get(0).error()).contains("TLS handshake did not finish");
        assertThat(outcomes.get(2).error()).contains("all-reports").contains("not valid JSON");
        assertThat(outcomes.get(3).error()).contains("HTTP 401");
        assertThat(outcomes.get(6).error()).contains("fingerprint changed").contains(changedCertificate.fingerprint());
        assertThat(outcomes.get(7).error()).contains("no complete answer within 2 s");
        assertThat(outcomes.get(1).reportsStored()).isEqualTo(1);
        assertThat(outcomes.get(1).udi()).isEqualTo(first.udi());
        assertThat(outcomes.get(1).fingerprint()).isEqualTo(firstServer.fingerprint());
        assertThat(outcomes.get(4).reportsStored()).isEqualTo(1);
        assertThat(store.stored).hasSize(2);
        assertThat(outcomes).allSatisfy(o -> assertThat(o.error() == null).isEqualTo(o.result() == PullResult.OK));
        assertThat(outcomes.get(3).error()).doesNotContain(PASSWORD);
    }

    @Test
    void anAcknowledgementRecordedForTheDeviceIsImportedOnceAndMarksItsReports() {
        LabPolicyDevice device = device("FOC0100");
        SmartlicRestServer server = serve(device, PASSWORD);
        clock.advance(Duration.ofHours(1));
        PullTarget target = target(1, server.port(), null);

        PullOutcome firstPull = puller.pull(target, null);
        long reportId = device.reports().get(0).id();
        store.queue(device.udi(), "ack-1", ("<smartLicense><smartLicenseRumAck><data>{\"report_ids\":[" + reportId
                + "]}</data></smartLicenseRumAck></smartLicense>").getBytes(StandardCharsets.UTF_8));
        PullOutcome secondPull = puller.pull(target, firstPull.udi());
        PullOutcome thirdPull = puller.pull(target, secondPull.udi());

        assertThat(firstPull.acksImported()).isZero();
        assertThat(secondPull.acksImported()).isEqualTo(1);
        assertThat(secondPull.duplicates()).isEqualTo(1);
        assertThat(thirdPull.acksImported()).isZero();
        assertThat(store.delivered).containsExactly("ack-1");
        assertThat(device.reports().get(0).state()).isEqualTo("ACK");
        assertThat(device.usageReportingLines()).anySatisfy(line -> assertThat(line).startsWith("  Last ACK received: Mar 01"));
    }

    @Test
    void reportsArePassedOnByteForByteAsTheDeviceSentThem() {
        LabPolicyDevice device = device("FOC0200");
        SmartlicRestServer server = serve(device, PASSWORD);
        clock.advance(Duration.ofHours(1));

        puller.pull(target(1, server.port(), null), null);

        assertThat(store.stored).hasSize(1);
        assertThat(store.stored.get(0)).isEqualTo(device.reports().get(0).wrapperJson());
    }

    private LabPolicyDevice device(String serial) {
        return new LabPolicyDevice("C9300-24T", serial, Map.of("C9300 Network Advantage", 1), clock);
    }

    private SmartlicRestServer serve(LabPolicyDevice device, String password) {
        SmartlicRestServer server = SmartlicRestServer.start(device, USER, password, clock, 0);
        closing.add(server);
        return server;
    }

    private static PullTarget target(long id, int port, String pin) {
        return new PullTarget(id, "127.0.0.1", port, true, USER, PASSWORD, TlsVerification.PINNED, pin, null, null);
    }

    /** Accepts connections and never says a word. */
    private int silentPort() throws IOException {
        ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        List<Socket> held = new CopyOnWriteArrayList<>();
        Thread acceptor = new Thread(() -> {
            while (!socket.isClosed()) {
                try {
                    held.add(socket.accept());
                } catch (IOException e) {
                    return;
                }
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
        closing.add(() -> {
            socket.close();
            for (Socket s : held) {
                s.close();
            }
        });
        return socket.getLocalPort();
    }

    /** Speaks HTTPS and answers 200 with something that is not the smartlic JSON. */
    private int garbagePort() throws IOException {
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        server.setHttpsConfigurator(new HttpsConfigurator(SelfSignedIdentity.create("garbage").sslContext()));
        server.createContext("/", exchange -> {
            byte[] body = "<html>{usage: [broken".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        closing.add(() -> server.stop(0));
        return server.getAddress().getPort();
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
