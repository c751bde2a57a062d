package io.licensesatellite.usage.pull;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The usage store as the pull sees it, in memory: keeps each distinct wrapper once, hands out ACKs queued per UDI. */
final class InMemoryUsageStore implements PulledReportsSink, AckSource {
    private static final Pattern PID = Pattern.compile("\"udi_pid\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern SERIAL = Pattern.compile("\"udi_serial_number\"\\s*:\\s*\"([^\"]+)\"");

    final List<byte[]> stored = new ArrayList<>();
    private final Set<String> seen = new HashSet<>();
    private final Map<String, List<PendingFile>> pending = new HashMap<>();
    final List<String> delivered = new ArrayList<>();

    @Override
    public synchronized List<Ingested> ingest(List<byte[]> wrappers, Long virtualAccountId, String deviceAddress) {
        List<Ingested> outcomes = new ArrayList<>();
        for (byte[] wrapper : wrappers) {
            String text = new String(wrapper, StandardCharsets.UTF_8);
            Matcher pid = PID.matcher(text);
            Matcher serial = SERIAL.matcher(text);
            if (!pid.find() || !serial.find()) {
                outcomes.add(new Ingested(Outcome.REFUSED, null, "no sudi"));
                continue;
            }
            String udi = "PID:" + pid.group(1) + ",SN:" + serial.group(1);
            if (seen.add(text)) {
                stored.add(wrapper);
                outcomes.add(new Ingested(Outcome.STORED, udi, null));
            } else {
                outcomes.add(new Ingested(Outcome.DUPLICATE, udi, null));
            }
        }
        return outcomes;
    }

    synchronized void queue(String udi, String key, byte[] ack) {
        pending.computeIfAbsent(udi, u -> new ArrayList<>()).add(new PendingFile(key, "ACK", ack));
    }

    @Override
    public synchronized List<PendingFile> pendingFor(String udi) {
        return List.copyOf(pending.getOrDefault(udi, List.of()));
    }

    @Override
    public synchronized void markDelivered(PendingFile file, Instant at) {
        pending.values().forEach(list -> list.removeIf(f -> f.key().equals(file.key())));
        delivered.add(file.key());
    }
}
