package io.licensesatellite.usage;

import io.licensesatellite.platform.SatelliteException;
import io.licensesatellite.platform.VisibleAccounts;
import io.licensesatellite.usage.UsageViews.DailyUsage;
import io.licensesatellite.usage.UsageViews.DeviceSummary;
import io.licensesatellite.usage.UsageViews.MeasurementView;
import io.licensesatellite.usage.UsageViews.Page;
import io.licensesatellite.usage.UsageViews.ReportDetail;
import io.licensesatellite.usage.UsageViews.ReportSummary;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What operators ask about usage: reports, devices, daily usage. A viewer limited to some Virtual Accounts sees only
 * theirs: lists leave the others out, and another VA's report, device or daily usage reads as if it did not exist.
 */
@ApplicationScoped
public class UsageQueries {
    public static final int MAX_PAGE_SIZE = 500;
    /** The longest range of a daily usage query: two years (with a leap day). */
    public static final long MAX_DAILY_RANGE_DAYS = 731;

    private final EntityManager em;
    private final UsageReportRepository reports;
    private final UsageDeviceRepository devices;
    private final UsageTags tags;
    private final UsageDeadlines deadlines;
    private final VisibleAccounts visible;

    public UsageQueries(EntityManager em, UsageReportRepository reports, UsageDeviceRepository devices, UsageTags tags,
                        UsageDeadlines deadlines, VisibleAccounts visible) {
        this.em = em;
        this.reports = reports;
        this.devices = devices;
        this.tags = tags;
        this.deadlines = deadlines;
        this.visible = visible;
    }

    public record ReportFilter(String pid, String serialNumber, Long virtualAccountId, ReportState state, ReportSource source) {}

    @Transactional
    public Page<ReportSummary> reports(ReportFilter filter, int page, int size, boolean newestFirst) {
        checkPaging(page, size);
        Optional<Set<Long>> only = visible.limitedTo();
        if (only.isPresent() && only.get().isEmpty()) {
            return new Page<>(List.of(), page, size, 0);
        }
        StringBuilder where = new StringBuilder("1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (only.isPresent()) {
            where.append(" and r.virtualAccountId in :visible");
            params.put("visible", only.get());
        }
        if (filter.pid() != null || filter.serialNumber() != null) {
            where.append(" and r.deviceId in (select d.id from UsageDevice d where 1 = 1");
            if (filter.pid() != null) {
                where.append(" and d.pid = :pid");
                params.put("pid", filter.pid());
            }
            if (filter.serialNumber() != null) {
                where.append(" and d.serialNumber = :serial");
                params.put("serial", filter.serialNumber());
            }
            where.append(')');
        }
        if (filter.virtualAccountId() != null) {
            where.append(" and r.virtualAccountId = :va");
            params.put("va", filter.virtualAccountId());
        }
        if (filter.state() != null) {
            where.append(" and r.state = :state");
            params.put("state", filter.state());
        }
        if (filter.source() != null) {
            where.append(" and r.source = :source");
            params.put("source", filter.source());
        }
        var list = em.createQuery("select r from UsageReport r where " + where + " order by r.receivedAt "
                + (newestFirst ? "desc, r.id desc" : "asc, r.id asc"), UsageReport.class);
        var count = em.createQuery("select count(r) from UsageReport r where " + where, Long.class);
        params.forEach((k, v) -> {
            list.setParameter(k, v);
            count.setParameter(k, v);
        });
        List<UsageReport> rows = list.setFirstResult(page * size).setMaxResults(size).getResultList();
        Map<Long, UsageDevice> byId = new HashMap<>();
        List<ReportSummary> items = rows.stream()
                .map(r -> ReportSummary.of(r, byId.computeIfAbsent(r.deviceId, devices::findById))).toList();
        return new Page<>(items, page, size, count.getSingleResult());
    }

    @Transactional
    public Optional<ReportDetail> report(long id) {
        UsageReport r = reports.findById(id);
        if (r == null || !visible.canSee(r.virtualAccountId)) {
            return Optional.empty();
        }
        UsageDevice d = devices.findById(r.deviceId);
        List<MeasurementView> measurements = new ArrayList<>();
        for (Object o : em.createNativeQuery("select tag_id, start_s, end_s, usage_count, samples from usage_measurement"
                + " where report_pk = ?1 order by seq").setParameter(1, id).getResultList()) {
            Object[] row = (Object[]) o;
            measurements.add(new MeasurementView(tags.tag(((Number) row[0]).intValue()), ((Number) row[1]).longValue(),
                    ((Number) row[2]).longValue(), ((Number) row[3]).longValue(), ((Number) row[4]).intValue()));
        }
        byte[] payload = r.payload();
        return Optional.of(new ReportDetail(ReportSummary.of(r, d), new String(payload, StandardCharsets.UTF_8),
                r.signature(payload), r.headerJson, measurements));
    }

    public record DailyQuery(Long virtualAccountId, String tag, String pid, String serialNumber, LocalDate from, LocalDate to) {}

    /**
     * Usage per day and tag: for each device and tag, the peak count measured in that UTC day (a measurement counts
     * for every day its interval touches), summed over the VA's devices; or, with a PID and serial, that device's
     * own peaks. A VA's year is read from the daily totals kept at ingest (a row per tag and day).
     */
    @Transactional
    public List<DailyUsage> daily(DailyQuery q) {
        if (q.from() == null || q.to() == null) {
            throw SatelliteException.invalid(q.from() == null ? "from" : "to", "required (yyyy-mm-dd)");
        }
        if (q.to().isBefore(q.from())) {
            throw SatelliteException.invalid("to", "must not be before from");
        }
        if (ChronoUnit.DAYS.between(q.from(), q.to()) + 1 > MAX_DAILY_RANGE_DAYS) {
            throw SatelliteException.invalid("to", "at most " + MAX_DAILY_RANGE_DAYS + " days from 'from'");
        }
        boolean byDevice = q.pid() != null || q.serialNumber() != null;
        if (byDevice && (q.pid() == null || q.serialNumber() == null)) {
            throw SatelliteException.invalid(q.pid() == null ? "pid" : "serial", "pid and serial go together");
        }
        if (!byDevice && q.virtualAccountId() == null) {
            throw SatelliteException.invalid("virtualAccountId", "required unless pid and serial are given");
        }
        if (q.virtualAccountId() != null) {
            // As the VA's own resources answer: an account the caller may not see does not exist for it.
            visible.requireVisible(q.virtualAccountId(), "No Virtual Account with id " + q.virtualAccountId());
        }
        int from = (int) q.from().toEpochDay();
        int to = (int) q.to().toEpochDay();
        Integer tagId = null;
        if (q.tag() != null) {
            Optional<Integer> known = tags.existing(q.tag());
            if (known.isEmpty()) {
                return List.of();
            }
            tagId = known.get();
        }
        String sql;
        long owner;
        if (byDevice) {
            Optional<UsageDevice> d = devices.find(new DeviceId(q.pid(), q.serialNumber()));
            if (d.isEmpty() || (q.virtualAccountId() != null && d.get().virtualAccountId != q.virtualAccountId())
                    || !visible.canSee(d.get().virtualAccountId)) {
                return List.of();
            }
            owner = d.get().id;
            sql = "select usage_day, tag_id, peak from usage_daily_device where device_id = ?1 and usage_day between ?2 and ?3";
        } else {
            owner = q.virtualAccountId();
            sql = "select usage_day, tag_id, total from usage_daily_va where va_id = ?1 and usage_day between ?2 and ?3";
        }
        if (tagId != null) {
            sql += " and tag_id = ?4";
        }
        var query = em.createNativeQuery(sql + " order by usage_day, tag_id").setParameter(1, owner).setParameter(2, from).setParameter(3, to);
        if (tagId != null) {
            query.setParameter(4, tagId);
        }
        List<DailyUsage> out = new ArrayList<>();
        for (Object o : query.getResultList()) {
            Object[] row = (Object[]) o;
            out.add(new DailyUsage(LocalDate.ofEpochDay(((Number) row[0]).longValue()), tags.tag(((Number) row[1]).intValue()),
                    ((Number) row[2]).longValue()));
        }
        return out;
    }

    public record DeviceFilter(Long virtualAccountId, String pid, String serialNumber) {}

    /** One page of devices, each with its reporting deadlines as {@code GET /usage/deadlines} computes them. */
    @Transactional
    public Page<DeviceSummary> devices(DeviceFilter filter, int page, int size) {
        checkPaging(page, size);
        Optional<Set<Long>> only = visible.limitedTo();
        if (only.isPresent() && only.get().isEmpty()) {
            return new Page<>(List.of(), page, size, 0);
        }
        StringBuilder where = new StringBuilder("1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (only.isPresent()) {
            where.append(" and d.virtualAccountId in :visible");
            params.put("visible", only.get());
        }
        if (filter.virtualAccountId() != null) {
            where.append(" and d.virtualAccountId = :va");
            params.put("va", filter.virtualAccountId());
        }
        if (filter.pid() != null) {
            where.append(" and d.pid = :pid");
            params.put("pid", filter.pid());
        }
        if (filter.serialNumber() != null) {
            where.append(" and d.serialNumber = :serial");
            params.put("serial", filter.serialNumber());
        }
        var list = em.createQuery("select d from UsageDevice d where " + where + " order by d.id", UsageDevice.class);
        var count = em.createQuery("select count(d) from UsageDevice d where " + where, Long.class);
        params.forEach((k, v) -> {
            list.setParameter(k, v);
            count.setParameter(k, v);
        });
        List<UsageDevice> rows = list.setFirstResult(page * size).setMaxResults(size).getResultList();
        Map<Long, long[]> counts = new HashMap<>();
        if (!rows.isEmpty()) {
            for (Object[] c : em.createQuery("select r.deviceId, r.state, count(r) from UsageReport r where r.deviceId in ?1"
                    + " group by r.deviceId, r.state", Object[].class).setParameter(1, rows.stream().map(d -> d.id).toList()).getResultList()) {
                counts.computeIfAbsent((Long) c[0], k -> new long[3])[((ReportState) c[1]).ordinal()] = (Long) c[2];
            }
        }
        Map<Long, DeviceDeadline> due = deadlines.of(rows);
        List<DeviceSummary> items = rows.stream().map(d -> {
            long[] c = counts.getOrDefault(d.id, new long[3]);
            DeviceDeadline deadline = due.get(d.id);
            return new DeviceSummary(d.id, d.pid, d.serialNumber, d.instanceId, d.virtualAccountId, d.softwareTag,
                    d.firstSeenAt, d.lastReportAt, c[0], c[1], c[2], d.lastAckAt, deadline.nextReportDue(), deadline.ackDeadline());
        }).toList();
        return new Page<>(items, page, size, count.getSingleResult());
    }

    private static void checkPaging(int page, int size) {
        if (page < 0) {
            throw SatelliteException.invalid("page", "must be 0 or more");
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw SatelliteException.invalid("size", "must be between 1 and " + MAX_PAGE_SIZE);
        }
    }
}
