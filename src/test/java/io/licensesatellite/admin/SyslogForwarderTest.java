package io.licensesatellite.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Audit entries to a TCP syslog receiver on 127.0.0.1: RFC 6587 octet counting; a dead server never blocks. */
class SyslogForwarderTest {
    private static AuditConfig config(String host, int port, String protocol, int queueSize) {
        AuditConfig.Syslog syslog = new AuditConfig.Syslog() {
            @Override public Optional<String> host() { return Optional.ofNullable(host); }
            @Override public int port() { return port; }
            @Override public String protocol() { return protocol; }
            @Override public String facility() { return "local4"; }
            @Override public String appName() { return "sat test"; }
            @Override public int queueSize() { return queueSize; }
        };
        return () -> syslog;
    }

    private static AuditEvent event(long id, String actor) {
        AuditEvent e = new AuditEvent();
        e.id = id;
        e.actor = actor;
        e.action = "user.delete";
        e.target = "user:bob";
        e.result = "denied";
        e.status = 403;
        e.sourceAddress = "192.0.2.7";
        e.occurredAt = Instant.parse("2026-01-31T10:15:00.123Z");
        return e;
    }

    @Test
    void tcpFramesEachLineWithItsLength() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            SyslogForwarder forwarder = new SyslogForwarder(config("127.0.0.1", server.getLocalPort(), "tcp", 10),
                    new SimpleMeterRegistry());
            forwarder.offer(event(1, "alice"));
            forwarder.offer(event(2, "quote\"and]bracket"));
            server.setSoTimeout(10_000);
            try (Socket peer = server.accept()) {
                peer.setSoTimeout(10_000);
                DataInputStream in = new DataInputStream(peer.getInputStream());
                String first = frame(in);
                String second = frame(in);
                // local4 (20) * 8 + warning (4) = 164
                assertThat(first).isEqualTo("<164>1 2026-01-31T10:15:00.123Z " + first.split(" ")[2]
                        + " sat_test - audit [audit@32473 actor=\"alice\" action=\"user.delete\" target=\"user:bob\""
                        + " outcome=\"denied\" status=\"403\" source=\"192.0.2.7\" id=\"1\"] alice user.delete user:bob: denied (403)");
                assertThat(second).contains("actor=\"quote\\\"and\\]bracket\"");
            }
            forwarder.onStop(null);
        }
    }

    @Test
    void aFullQueueDropsAndCountsInsteadOfBlocking() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        int port;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = closed.getLocalPort();
        }
        SyslogForwarder forwarder = new SyslogForwarder(config("127.0.0.1", port, "tcp", 2), registry);
        for (int i = 0; i < 200; i++) {
            forwarder.offer(event(i, "flood"));
        }
        long deadline = System.currentTimeMillis() + 10_000;
        while (registry.get("satellite.audit.syslog.dropped").counter().count() < 200 && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertThat(registry.get("satellite.audit.syslog.dropped").counter().count()).isEqualTo(200);
        forwarder.onStop(null);
    }

    private static String frame(DataInputStream in) throws IOException {
        StringBuilder length = new StringBuilder();
        for (int c = in.read(); c != ' '; c = in.read()) {
            if (c < 0) {
                throw new IOException("closed");
            }
            length.append((char) c);
        }
        byte[] line = new byte[Integer.parseInt(length.toString())];
        in.readFully(line);
        return new String(line, StandardCharsets.UTF_8);
    }
}
