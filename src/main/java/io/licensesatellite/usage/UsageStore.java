package io.licensesatellite.usage;

import io.licensesatellite.devices.PolicyDeviceEnrolment;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeSet;
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
    private final ReportingDevices reportingDevices;
    private final PolicyDeviceEnrolment enrolment;
    private final UsageTags tags;
    private final UsageReportIds ids;
    private final Clock clock;

    public UsageStore(EntityManager em, ReportingDevices reportingDevices, PolicyDeviceEnrolment enrolment, UsageTags tags,
                      UsageReportIds ids, Clock clock) {
        this.em = em;
        this.reportingDevices = reportingDevices;
        this.enrolment = enrolment;
        this.tags = tags;
        this.ids = ids;
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

    /**
     * Stores every submission in one transaction; returns the outcomes per submission, in the order given. The hot
     * path is plain JDBC on the transaction's connection: Hibernate entities here made every duplicate check flush and
     * dirty-check the whole group (the writer thread is the ingest's bottleneck). Only a device seen for the first time
     * goes through the entities, to enrol its product instance.
     */
    @Transactional
    public List<Map<Integer, IngestOutcome>> store(List<Submission> submissions) {
        Instant now = clock.instant();
        Map<DeviceId, DeviceRow> devices = new HashMap<>();
        Set<DeviceId> wanted = new LinkedHashSet<>();
        for (Submission submission : submissions) {
            for (CheckedReport r : submission.reports()) {
                wanted.add(r.payload().device());
            }
        }
        Session session = em.unwrap(Session.class);
        session.doWork(c -> findDevices(c, wanted, devices));
        for (Submission submission : submissions) {
            for (CheckedReport r : submission.reports()) {
                devices.computeIfAbsent(r.payload().device(), d -> enrol(d, submission, r, now));
            }
        }
        // enrolment persisted product instances through Hibernate: write them before the JDBC statements below
        em.flush();
        return session.doReturningWork(c -> write(c, submissions, devices, now));
    }

    /** A device as storage needs it. */
    private record DeviceRow(long id, long virtualAccountId, String instanceId, boolean hasSoftwareTag, boolean enrolledNow) {}

    /** A report to insert, with the id it gets. */
    private record NewReport(long id, long deviceId, long virtualAccountId, ReportSource source, CheckedReport report) {}

    private List<Map<Integer, IngestOutcome>> write(Connection c, List<Submission> submissions, Map<DeviceId, DeviceRow> devices,
                                                    Instant now) throws SQLException {
        Map<String, Known> seen = new HashMap<>();
        List<NewReport> inserts = new ArrayList<>();
        List<long[]> measurementRows = new ArrayList<>();
        // (device, tag, day) -> peak in this group, and the VA of each device
        Map<DailyKey, Long> peaks = new TreeMap<>();
        Map<Long, Long> deviceVa = new HashMap<>();
        Map<Long, String> softwareTags = new HashMap<>();
        List<Map<Integer, IngestOutcome>> outcomes = new ArrayList<>(submissions.size());
        try (PreparedStatement existing = c.prepareStatement(
                "select id, digest from usage_report where device_id = ? and report_id = ?")) {
            for (Submission submission : submissions) {
                Map<Integer, IngestOutcome> out = new LinkedHashMap<>();
                for (CheckedReport r : submission.reports()) {
                    DeviceId id = r.payload().device();
                    DeviceRow device = devices.get(id);
                    long reportId = r.payload().reportId();
                    String key = device.id() + "/" + reportId;
                    Known known = seen.get(key);
                    if (known == null) {
                        known = find(existing, device.id(), reportId);
                    }
                    if (known != null) {
                        out.put(r.index(), known.digest().equals(r.digest())
                                ? new IngestOutcome.Duplicate(known.id(), id, reportId)
                                : new IngestOutcome.Refused(UsageRefusal.CONFLICT, "Device " + id + " already sent report "
                                + reportId + " with other contents"));
                        continue;
                    }
                    long pk = ids.next(c);
                    inserts.add(new NewReport(pk, device.id(), device.virtualAccountId(), submission.source().kind(), r));
                    seen.put(key, new Known(pk, r.digest()));
                    deviceVa.put(device.id(), device.virtualAccountId());
                    if (r.payload().softwareTag() != null && !device.hasSoftwareTag()) {
                        softwareTags.putIfAbsent(device.id(), r.payload().softwareTag());
                    }
                    int seq = 0;
                    for (RumPayload.Measurement m : r.payload().measurements()) {
                        int tag = tags.idOf(m.tag());
                        measurementRows.add(new long[] {pk, seq++, tag, m.startSeconds(), m.endSeconds(), m.count(), m.samples()});
                        long first = Math.floorDiv(m.startSeconds(), SECONDS_PER_DAY);
                        long last = Math.floorDiv(Math.max(m.startSeconds(), m.endSeconds() - 1), SECONDS_PER_DAY);
                        for (long day = first; day <= last; day++) {
                            peaks.merge(new DailyKey(device.id(), tag, (int) day), m.count(), Math::max);
                        }
                    }
                    out.put(r.index(), new IngestOutcome.Stored(pk, id, reportId));
                }
                if (submission.allOrNothing() && out.values().stream().anyMatch(o -> !o.accepted())) {
                    Map<Integer, IngestOutcome> refused = new LinkedHashMap<>();
                    out.forEach((i, o) -> refused.put(i, o.accepted() ? UsageIngest.NOT_STORED : o));
                    throw new AllOrNothingRefused(refused);
                }
                outcomes.add(out);
            }
        }
        insertReports(c, inserts, now);
        touchDevices(c, deviceVa.keySet(), softwareTags, now);
        if (!measurementRows.isEmpty()) {
            insertMeasurements(c, measurementRows);
            updateDailyPeaks(c, peaks, deviceVa);
        }
        List<String> contacted = devices.values().stream().filter(d -> !d.enrolledNow() && d.instanceId() != null)
                .map(DeviceRow::instanceId).toList();
        enrolment.contacted(contacted);
        return outcomes;
    }

    private record Known(long id, String digest) {}

    private static Known find(PreparedStatement existing, long deviceId, long reportId) throws SQLException {
        existing.setLong(1, deviceId);
        existing.setLong(2, reportId);
        try (ResultSet rs = existing.executeQuery()) {
            return rs.next() ? new Known(rs.getLong(1), rs.getString(2)) : null;
        }
    }

    private static void findDevices(Connection c, Set<DeviceId> wanted, Map<DeviceId, DeviceRow> into) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("select id, va_id, instance_id, software_tag from usage_device"
                + " where udi_pid = ? and udi_serial = ?")) {
            for (DeviceId id : wanted) {
                select.setString(1, id.pid());
                select.setString(2, id.serialNumber());
                try (ResultSet rs = select.executeQuery()) {
                    if (rs.next()) {
                        into.put(id, new DeviceRow(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4) != null, false));
                    }
                }
            }
        }
    }

    private DeviceRow enrol(DeviceId id, Submission submission, CheckedReport r, Instant now) {
        UsageDevice device = reportingDevices.findOrEnrol(id, submission.virtualAccountId(), submission.source().hostname(),
                r.payload().softwareVersion(), r.payload().softwareTag(), now);
        return new DeviceRow(device.id, device.virtualAccountId, device.instanceId, device.softwareTag != null, true);
    }

    private static void insertReports(Connection c, List<NewReport> reports, Instant now) throws SQLException {
        if (reports.isEmpty()) {
            return;
        }
        OffsetDateTime received = now.atOffset(ZoneOffset.UTC);
        try (PreparedStatement insert = c.prepareStatement("insert into usage_report (id, device_id, report_id, va_id, source,"
                + " payload_deflated, payload_length, signature_deflated, header_json, digest, state, received_at, measurement_count,"
                + " codec) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            int pending = 0;
            for (NewReport n : reports) {
                CheckedReport r = n.report();
                insert.setLong(1, n.id());
                insert.setLong(2, n.deviceId());
                insert.setLong(3, r.payload().reportId());
                insert.setLong(4, n.virtualAccountId());
                insert.setString(5, n.source().name());
                insert.setBytes(6, r.stored().payload());
                insert.setInt(7, r.payloadLength());
                insert.setBytes(8, r.stored().signature());
                insert.setString(9, r.wrapper().headerJson());
                insert.setString(10, r.digest());
                insert.setString(11, ReportState.PENDING.name());
                insert.setObject(12, received);
                insert.setInt(13, r.payload().measurements().size());
                insert.setShort(14, (short) StoredReportCodec.RUM_DICTIONARY_1);
                insert.addBatch();
                if (++pending == JDBC_BATCH) {
                    insert.executeBatch();
                    pending = 0;
                }
            }
            if (pending > 0) {
                insert.executeBatch();
            }
        }
    }

    private static void touchDevices(Connection c, Set<Long> deviceIds, Map<Long, String> softwareTags, Instant now)
            throws SQLException {
        if (deviceIds.isEmpty()) {
            return;
        }
        try (PreparedStatement update = c.prepareStatement("update usage_device set last_report_at = ?,"
                + " software_tag = coalesce(software_tag, ?) where id = ?")) {
            for (long id : new TreeSet<>(deviceIds)) {
                update.setObject(1, now.atOffset(ZoneOffset.UTC));
                update.setString(2, softwareTags.get(id));
                update.setLong(3, id);
                update.addBatch();
            }
            update.executeBatch();
        }
    }

    private static void insertMeasurements(Connection c, List<long[]> rows) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("insert into usage_measurement"
                + " (report_pk, seq, tag_id, start_s, end_s, usage_count, samples) values (?, ?, ?, ?, ?, ?, ?)")) {
            int pending = 0;
            for (long[] r : rows) {
                insert.setLong(1, r[0]);
                insert.setShort(2, (short) r[1]);
                insert.setInt(3, (int) r[2]);
                insert.setLong(4, r[3]);
                insert.setLong(5, r[4]);
                insert.setLong(6, r[5]);
                insert.setInt(7, (int) r[6]);
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
