package io.licensesatellite.admin;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Sends committed audit entries to a syslog server as RFC 5424 lines, from a bounded queue on one background thread:
 * an admin call never waits for or fails because of syslog. Entries that do not fit the queue, or cannot be sent, are
 * dropped and counted ({@code satellite.audit.syslog.dropped}).
 */
@ApplicationScoped
public class SyslogForwarder {
    static final String ENTERPRISE_ID = "32473";
    private static final Logger LOG = Logger.getLogger(SyslogForwarder.class);
    private static final Map<String, Integer> FACILITIES = Map.ofEntries(Map.entry("kern", 0), Map.entry("user", 1),
            Map.entry("mail", 2), Map.entry("daemon", 3), Map.entry("auth", 4), Map.entry("syslog", 5),
            Map.entry("lpr", 6), Map.entry("news", 7), Map.entry("uucp", 8), Map.entry("cron", 9),
            Map.entry("authpriv", 10), Map.entry("ftp", 11), Map.entry("local0", 16), Map.entry("local1", 17),
            Map.entry("local2", 18), Map.entry("local3", 19), Map.entry("local4", 20), Map.entry("local5", 21),
            Map.entry("local6", 22), Map.entry("local7", 23));

    private final AuditConfig.Syslog config;
    private final BlockingQueue<AuditEvent> queue;
    private final Counter dropped;
    private final Counter sent;
    private final String hostname;
    private final int facility;
    private volatile Thread worker;
    private volatile boolean stopping;
    private Socket tcp;

    public SyslogForwarder(AuditConfig audit, MeterRegistry registry) {
        this.config = audit.syslog();
        this.queue = new ArrayBlockingQueue<>(Math.max(1, config.queueSize()));
        this.dropped = Counter.builder("satellite.audit.syslog.dropped")
                .description("Audit entries not sent to syslog: queue full or server unreachable").register(registry);
        this.sent = Counter.builder("satellite.audit.syslog.sent").description("Audit entries sent to syslog").register(registry);
        this.hostname = localHostname();
        this.facility = facility(config.facility());
    }

    public boolean enabled() {
        return config.host().isPresent();
    }

    /** Queues an entry that has been committed; never blocks. */
    public void offer(AuditEvent event) {
        if (!enabled() || stopping) {
            return;
        }
        startWorker();
        if (!queue.offer(event)) {
            dropped.increment();
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
        Thread t = worker;
        if (t != null) {
            t.interrupt();
        }
        closeTcp();
    }

    private synchronized void startWorker() {
        if (worker == null) {
            Thread t = new Thread(this::run, "audit-syslog");
            t.setDaemon(true);
            worker = t;
            t.start();
        }
    }

    private void run() {
        try (DatagramSocket udp = new DatagramSocket()) {
            while (!stopping) {
                AuditEvent event = queue.poll(1, TimeUnit.SECONDS);
                if (event == null) {
                    continue;
                }
                try {
                    send(udp, format(event));
                    sent.increment();
                } catch (IOException | RuntimeException e) {
                    dropped.increment();
                    closeTcp();
                    LOG.debugf("Syslog send failed: %s", e.toString());
                }
            }
        } catch (InterruptedException stop) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            LOG.warnf("Cannot open a UDP socket for syslog: %s", e.toString());
        }
    }

    private void send(DatagramSocket udp, String line) throws IOException {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        String host = config.host().orElseThrow();
        if ("tcp".equalsIgnoreCase(config.protocol())) {
            if (tcp == null || tcp.isClosed()) {
                Socket socket = new Socket();
                socket.connect(new InetSocketAddress(host, config.port()), 5000);
                socket.setSoTimeout(5000);
                tcp = socket;
            }
            OutputStream out = tcp.getOutputStream();
            out.write((bytes.length + " ").getBytes(StandardCharsets.US_ASCII));
            out.write(bytes);
            out.flush();
        } else {
            udp.send(new DatagramPacket(bytes, bytes.length, new InetSocketAddress(InetAddress.getByName(host), config.port())));
        }
    }

    private synchronized void closeTcp() {
        if (tcp != null) {
            try {
                tcp.close();
            } catch (IOException ignored) {
                // Reconnected on the next entry.
            }
            tcp = null;
        }
    }

    /** {@code <PRI>1 TIMESTAMP HOST APP - audit [audit@32473 ...] text}; notice for successes, warning otherwise. */
    String format(AuditEvent e) {
        int severity = "success".equals(e.result) ? 5 : 4;
        String sd = "[audit@" + ENTERPRISE_ID
                + param("actor", e.actor) + param("action", e.action) + param("target", e.target)
                + param("outcome", e.result) + param("status", String.valueOf(e.status))
                + param("source", e.sourceAddress) + param("id", String.valueOf(e.id)) + "]";
        String message = e.actor + " " + e.action + (e.target == null ? "" : " " + e.target) + ": " + e.result
                + " (" + e.status + ")";
        return "<" + (facility * 8 + severity) + ">1 " + DateTimeFormatter.ISO_INSTANT.format(e.occurredAt) + " "
                + hostname + " " + token(config.appName(), 48) + " - audit " + sd + " " + message.replace('\n', ' ');
    }

    private static String param(String name, String value) {
        if (value == null) {
            return "";
        }
        return " " + name + "=\"" + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("]", "\\]") + "\"";
    }

    /** RFC 5424 header fields are printable US-ASCII without spaces. */
    private static String token(String value, int max) {
        String t = value == null || value.isBlank() ? "-" : value.replaceAll("[^\\x21-\\x7e]", "_");
        return t.length() > max ? t.substring(0, max) : t;
    }

    private static int facility(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        if (FACILITIES.containsKey(n)) {
            return FACILITIES.get(n);
        }
        try {
            int value = Integer.parseInt(n);
            if (value >= 0 && value <= 23) {
                return value;
            }
        } catch (NumberFormatException notNumber) {
            // Falls through.
        }
        throw new IllegalArgumentException("satellite.audit.syslog.facility: a facility name or a number 0-23");
    }

    private static String localHostname() {
        try {
            return token(InetAddress.getLocalHost().getHostName(), 255);
        } catch (IOException e) {
            return "-";
        }
    }
}
