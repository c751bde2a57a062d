package io.licensesatellite.usage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.hibernate.Session;

/**
 * Writes checked reports: one transaction for a whole group (group commit), measurements and daily peaks with JDBC
 * batches. Runs on the group-commit writer thread only, so two groups never race to insert the same daily row.
 */
@ApplicationScoped
public class UsageStore {
    static final long SECONDS_PER_DAY = 86_400;
    private static final int JDBC_BATCH = 50;

    private final EntityManager em;
    private final UsageReportRepository reports;
    private final ReportingDevices reportingDevices;
    private final UsageTags tags;
    private final Clock clock;

    public UsageStore(EntityManager em, UsageReportRepository reports, ReportingDevices reportingDevices, UsageTags tags,
                      Clock clock) {
        this.em = em;
        this.reports = reports;
        this.reportingDevices = reportingDevices;
        this.tags = tags;
        this.clock = clock;
    }

    /** One submission of a group: the reports of one door call, the VA a new device goes to, where they came from. */
    record Submission(IngestSource source, long virtualAccountId, List<CheckedReport> reports, boolean allOrNothing) {}

    /** An all-or-nothing submission had a report refused in storage (a conflict): the transaction is rolled back. */
    static final class AllOrNothingRefused extends RuntimeException {
        final Map<Integer, IngestOutcome> outcomes;

        AllOrNothingRefused(Map<Integer, IngestOutcome> outcomes) {
            super("A report of an all-or-nothing submission was refused", null, false, false);
            this.outcomes = outcomes;
        }
    }

    /** Stores every submission in one transaction; returns the outcomes per submission, in the order given. */
    @Transactional
    public List<Map<Integer, IngestOutcome>> store(List<Submission> submissions) {
        Instant now = clock.instant();
        em.unwrap(Session.class).setJdbcBatchSize(JDBC_BATCH);
        Map<DeviceId, UsageDevice> deviceCache = new HashMap<>();
        Map<String, UsageReport> storedNow = new HashMap<>();
        List<Object[]> measurementRows = new ArrayList<>();
        // (device, tag, day) -> peak in this group, and the VA of each device
        Map<DailyKey, Long> peaks = new TreeMap<>();
        Map<Long, Long> deviceVa = new HashMap<>();
        List<Map<Integer, IngestOutcome>> outcomes = new ArrayList<>(submissions.size());
        for (Submission submission : submissions) {
            Map<Integer, IngestOutcome> out = new LinkedHashMap<>();
            for (CheckedReport r : submission.reports()) {
                DeviceId id = r.payload().device();
                UsageDevice device = deviceCache.computeIfAbsent(id, d -> device(d, submission, r, now));
                String key = device.id + "/" + r.payload().reportId();
                UsageReport existing = storedNow.get(key);
                if (existing == null) {
                    existing = reports.find(device.id, r.payload().reportId()).orElse(null);
                }
                if (existing != null) {
                    out.put(r.index(), existing.digest.equals(r.digest())
                            ? new IngestOutcome.Duplicate(existing.id, id, existing.reportId)
                            : new IngestOutcome.Refused(UsageRefusal.CONFLICT, "Device " + id + " already sent report "
                            + existing.reportId + " with other contents"));
                    continue;
                }
                UsageReport report = new UsageReport();
                report.deviceId = device.id;
                report.reportId = r.payload().reportId();
                report.virtualAccountId = device.virtualAccountId;
                report.source = submission.source().kind();
                report.payloadDeflated = r.deflated();
                report.payloadLength = r.payloadLength();
                report.signatureJson = r.wrapper().signatureJson();
                report.headerJson = r.wrapper().headerJson();
                report.digest = r.digest();
                report.state = ReportState.PENDING;
                report.receivedAt = now;
                report.measurementCount = r.payload().measurements().size();
                reports.persist(report);
                storedNow.put(key, report);
                device.lastReportAt = now;
                if (r.payload().softwareTag() != null && device.softwareTag == null) {
                    device.softwareTag = r.payload().softwareTag();
                }
                deviceVa.put(device.id, device.virtualAccountId);
                int seq = 0;
                for (RumPayload.Measurement m : r.payload().measurements()) {
                    int tag = tags.idOf(m.tag());
                    measurementRows.add(new Object[] {report.id, seq++, tag, m.startSeconds(), m.endSeconds(), m.count(), m.samples()});
                    long first = Math.floorDiv(m.startSeconds(), SECONDS_PER_DAY);
                    long last = Math.floorDiv(Math.max(m.startSeconds(), m.endSeconds() - 1), SECONDS_PER_DAY);
                    for (long day = first; day <= last; day++) {
                        peaks.merge(new DailyKey(device.id, tag, (int) day), m.count(), Math::max);
                    }
                }
                out.put(r.index(), new IngestOutcome.Stored(report.id, id, report.reportId));
            }
            if (submission.allOrNothing() && out.values().stream().anyMatch(o -> !o.accepted())) {
                Map<Integer, IngestOutcome> refused = new LinkedHashMap<>();
                out.forEach((i, o) -> refused.put(i, o.accepted() ? UsageIngest.NOT_STORED : o));
                throw new AllOrNothingRefused(refused);
            }
            outcomes.add(out);
        }
        em.flush();
        if (!measurementRows.isEmpty()) {
            em.unwrap(Session.class).doWork(c -> {
                insertMeasurements(c, measurementRows);
                updateDailyPeaks(c, peaks, deviceVa);
            });
        }
        return outcomes;
    }

    private UsageDevice device(DeviceId id, Submission submission, CheckedReport r, Instant now) {
        return reportingDevices.findOrEnrol(id, submission.virtualAccountId(), submission.source().hostname(),
                r.payload().softwareVersion(), r.payload().softwareTag(), now);
    }

    private static void insertMeasurements(Connection c, List<Object[]> rows) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("insert into usage_measurement"
                + " (report_pk, seq, tag_id, start_s, end_s, usage_count, samples) values (?, ?, ?, ?, ?, ?, ?)")) {
            int pending = 0;
            for (Object[] r : rows) {
                insert.setLong(1, (Long) r[0]);
                insert.setShort(2, (short) (int) (Integer) r[1]);
                insert.setInt(3, (Integer) r[2]);
                insert.setLong(4, (Long) r[3]);
                insert.setLong(5, (Long) r[4]);
                insert.setLong(6, (Long) r[5]);
                insert.setInt(7, (Integer) r[6]);
                insert.addBatch();
                if (++pending == JDBC_BATCH * 4) {
                    insert.executeBatch();
                    pending = 0;
                }
            }
            if (pending > 0) {
                insert.executeBatch();
            }
        }
    }

    /**
     * Raises each device's daily peak where this group measured more, and adds the rise to the VA's daily total, so
     * the VA total stays the sum of its devices' peaks. Keys are visited sorted, so locks are taken in one order.
     */
    private static void updateDailyPeaks(Connection c, Map<DailyKey, Long> peaks, Map<Long, Long> deviceVa) throws SQLException {
        Map<DailyKey, Long> existing = new HashMap<>();
        Map<Long, int[]> dayRange = new HashMap<>();
        for (DailyKey k : peaks.keySet()) {
            dayRange.merge(k.device(), new int[] {k.day(), k.day()}, (a, b) -> new int[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])});
        }
        try (PreparedStatement select = c.prepareStatement(
                "select tag_id, usage_day, peak from usage_daily_device where device_id = ? and usage_day between ? and ?")) {
            for (Map.Entry<Long, int[]> e : dayRange.entrySet()) {
                select.setLong(1, e.getKey());
                select.setInt(2, e.getValue()[0]);
                select.setInt(3, e.getValue()[1]);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        existing.put(new DailyKey(e.getKey(), rs.getInt(1), rs.getInt(2)), rs.getLong(3));
                    }
                }
            }
        }
        Map<VaKey, Long> vaDelta = new TreeMap<>();
        try (PreparedStatement insert = c.prepareStatement(
                "insert into usage_daily_device (device_id, tag_id, usage_day, peak) values (?, ?, ?, ?)");
             PreparedStatement update = c.prepareStatement(
                     "update usage_daily_device set peak = ? where device_id = ? and tag_id = ? and usage_day = ?")) {
            for (Map.Entry<DailyKey, Long> e : peaks.entrySet()) {
                DailyKey k = e.getKey();
                long peak = e.getValue();
                Long old = existing.get(k);
                if (old == null) {
                    insert.setLong(1, k.device());
                    insert.setInt(2, k.tag());
                    insert.setInt(3, k.day());
                    insert.setLong(4, peak);
                    insert.addBatch();
                } else if (peak > old) {
                    update.setLong(1, peak);
                    update.setLong(2, k.device());
                    update.setInt(3, k.tag());
                    update.setInt(4, k.day());
                    update.addBatch();
                } else {
                    continue;
                }
                long rise = old == null ? peak : peak - old;
                if (rise != 0) {
                    vaDelta.merge(new VaKey(deviceVa.get(k.device()), k.tag(), k.day()), rise, Long::sum);
                }
            }
            insert.executeBatch();
            update.executeBatch();
        }
        if (vaDelta.isEmpty()) {
            return;
        }
        try (PreparedStatement add = c.prepareStatement(
                "update usage_daily_va set total = total + ? where va_id = ? and tag_id = ? and usage_day = ?");
             PreparedStatement insert = c.prepareStatement(
                     "insert into usage_daily_va (va_id, tag_id, usage_day, total) values (?, ?, ?, ?)")) {
            List<Map.Entry<VaKey, Long>> entries = new ArrayList<>(vaDelta.entrySet());
            for (Map.Entry<VaKey, Long> e : entries) {
                add.setLong(1, e.getValue());
                add.setLong(2, e.getKey().va());
                add.setInt(3, e.getKey().tag());
                add.setInt(4, e.getKey().day());
                add.addBatch();
            }
            int[] updated = add.executeBatch();
            for (int i = 0; i < updated.length; i++) {
                if (updated[i] == 0) {
                    VaKey k = entries.get(i).getKey();
                    insert.setLong(1, k.va());
                    insert.setInt(2, k.tag());
                    insert.setInt(3, k.day());
                    insert.setLong(4, entries.get(i).getValue());
                    insert.addBatch();
                }
            }
            insert.executeBatch();
        }
    }

    record DailyKey(long device, int tag, int day) implements Comparable<DailyKey> {
        @Override
        public int compareTo(DailyKey o) {
            int c = Long.compare(device, o.device);
            if (c == 0) {
                c = Integer.compare(tag, o.tag);
            }
            return c != 0 ? c : Integer.compare(day, o.day);
        }
    }

    record VaKey(long va, int tag, int day) implements Comparable<VaKey> {
        @Override
        public int compareTo(VaKey o) {
            int c = Long.compare(va, o.va);
            if (c == 0) {
                c = Integer.compare(tag, o.tag);
            }
            return c != 0 ? c : Integer.compare(day, o.day);
        }
    }
}
