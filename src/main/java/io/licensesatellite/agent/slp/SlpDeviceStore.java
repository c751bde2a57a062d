package io.licensesatellite.agent.slp;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Keeps simulated policy devices in {@code <state-dir>/slp/<serial>/}: {@code device.properties} and
 * {@code reports.tsv} (one unacknowledged report per line: id, tag, start, end, count, wrapper JSON).
 */
public final class SlpDeviceStore {
    private final Path root;

    public SlpDeviceStore(Path stateDirectory) {
        this.root = stateDirectory.resolve("slp");
    }

    public List<String> serials() {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (var dirs = Files.list(root)) {
            return dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public SlpDevice loadOrCreate(String pid, String serial, Clock clock) {
        Path dir = root.resolve(serial);
        Path props = dir.resolve("device.properties");
        if (!Files.exists(props)) {
            SlpIdentity base = SlpIdentity.aSwitch(serial);
            return new SlpDevice(new SlpIdentity(pid, serial, base.softwareTag(), base.hostname(), base.softwareVersion()),
                    SlpDevice.simulatorKey(serial), clock);
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(props, StandardCharsets.UTF_8)) {
            p.load(r);
            SlpDevice device = new SlpDevice(new SlpIdentity(p.getProperty("pid"), serial, p.getProperty("software-tag"),
                    p.getProperty("hostname"), p.getProperty("software-version")), SlpDevice.simulatorKey(serial), clock);
            Map<String, Long> counts = new LinkedHashMap<>();
            for (String key : p.stringPropertyNames()) {
                if (key.startsWith("count.")) {
                    counts.put(key.substring(6), Long.parseLong(p.getProperty(key)));
                }
            }
            List<RumReport> reports = new ArrayList<>();
            Path tsv = dir.resolve("reports.tsv");
            if (Files.exists(tsv)) {
                for (String line : Files.readAllLines(tsv, StandardCharsets.UTF_8)) {
                    String[] f = line.split("\t", 6);
                    if (f.length == 6) {
                        reports.add(new RumReport(Long.parseLong(f[0]), f[1], List.of(new RumReport.Measurement(
                                Long.parseLong(f[2]), Long.parseLong(f[3]), Long.parseLong(f[4]))), null, f[5]));
                    }
                }
            }
            device.restore(new SlpDevice.Saved(Long.parseLong(p.getProperty("next-report-id")), instant(p, "last-measured"),
                    instant(p, "last-ack"), instant(p, "last-push"), instant(p, "last-file-write"), counts, reports));
            return device;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void save(SlpDevice device) {
        Path dir = root.resolve(device.identity().serialNumber());
        SlpDevice.Saved s = device.save();
        Properties p = new Properties();
        p.setProperty("pid", device.identity().pid());
        p.setProperty("software-tag", device.identity().softwareTag());
        p.setProperty("hostname", device.identity().hostname());
        p.setProperty("software-version", device.identity().softwareVersion());
        p.setProperty("next-report-id", Long.toString(s.nextReportId()));
        put(p, "last-measured", s.lastMeasured());
        put(p, "last-ack", s.lastAckReceived());
        put(p, "last-push", s.lastReportPush());
        put(p, "last-file-write", s.lastFileWrite());
        s.counts().forEach((tag, n) -> p.setProperty("count." + tag, Long.toString(n)));
        try {
            Files.createDirectories(dir);
            try (Writer w = Files.newBufferedWriter(dir.resolve("device.properties"), StandardCharsets.UTF_8)) {
                p.store(w, "simulated policy device");
            }
            List<String> lines = new ArrayList<>();
            for (RumReport r : s.unacknowledged()) {
                RumReport.Measurement m = r.measurements().get(0);
                lines.add(r.reportId() + "\t" + r.entitlementTag() + "\t" + m.startTime() + "\t" + m.endTime() + "\t" + m.count()
                        + "\t" + r.wrapperJson());
            }
            Files.write(dir.resolve("reports.tsv"), lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void put(Properties p, String key, Instant t) {
        if (t != null) {
            p.setProperty(key, t.toString());
        }
    }

    private static Instant instant(Properties p, String key) {
        String v = p.getProperty(key);
        return v == null ? null : Instant.parse(v);
    }
}
