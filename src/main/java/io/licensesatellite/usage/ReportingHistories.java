package io.licensesatellite.usage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the reporting-deadline rules need to know of a list of devices beyond their own row, read for the whole list
 * in one query per fact (never one per device), so a page of 500 devices costs what a page of 5 does in queries.
 */
@ApplicationScoped
public class ReportingHistories {
    /**
     * How far before a device's last acknowledgement its reports are read to find each tag's previous count. Devices
     * push every 30 days by default and subscriptions report every 90; a tag whose previous report is older than
     * this counts as changed, which errs early (a deadline while the report waits for its ACK), never late.
     */
    static final Duration CHANGE_LOOKBACK = Duration.ofDays(100);

    private final EntityManager em;

    public ReportingHistories(EntityManager em) {
        this.em = em;
    }

    /** The policy bytes of each device's latest acknowledgement; devices without one, or whose ACK came without, absent. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Map<Long, byte[]> latestPolicies(List<UsageDevice> devices) {
        Map<Long, byte[]> policies = new HashMap<>();
        if (devices.isEmpty()) {
            return policies;
        }
        List<Object[]> rows = em.createQuery("select a.deviceId, a.policyBytes from UsageAck a where a.id in"
                + " (select max(b.id) from UsageAck b where b.deviceId in ?1 group by b.deviceId)", Object[].class)
                .setParameter(1, ids(devices)).getResultList();
        for (Object[] row : rows) {
            if (row[1] != null) {
                policies.put((Long) row[0], (byte[]) row[1]);
            }
        }
        return policies;
    }

    /**
     * The tags each device measured in its latest report, counting every report that arrived with it: devices write
     * one report per entitlement tag (protocol-facts B3), so the latest report alone would show one licence of many.
     * The reports a push, pull or file brings share their receipt time, which is the device's last report time.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    @SuppressWarnings("unchecked")
    public Map<Long, List<String>> latestTags(List<UsageDevice> devices) {
        Map<Long, List<String>> tags = new HashMap<>();
        if (devices.isEmpty()) {
            return tags;
        }
        // driven from the devices, so each finds its latest reports through (device_id, received_at)
        List<Object[]> rows = em.createNativeQuery("select distinct d.id, t.tag from usage_device d"
                + " join usage_report r on r.device_id = d.id and r.received_at = d.last_report_at"
                + " join usage_measurement m on m.report_pk = r.id join usage_tag t on t.id = m.tag_id"
                + " where d.id in (?1)").setParameter(1, ids(devices)).getResultList();
        for (Object[] row : rows) {
            tags.computeIfAbsent(((Number) row[0]).longValue(), k -> new ArrayList<>()).add((String) row[1]);
        }
        return tags;
    }

    /**
     * For each device with an acknowledgement, when the satellite received the first report after that
     * acknowledgement whose count of some tag differs from the tag's previous report (or that brings a tag not
     * reported within {@link #CHANGE_LOOKBACK}); devices whose counts stayed the same are absent.
     *
     * <p>Read from the measurements of the reports, not from the daily peaks: only reports say which usage an
     * acknowledgement covered (a daily peak mixes the reports of its day and is dated by the device's clock, so a
     * change measured before an ACK arrived but reported after it would look acknowledged), and a report's receipt
     * is on the satellite's clock, as the last ACK is. The first change counts, not the latest: further changes
     * before the ACK do not put the duty off, or a device whose counts move at every report would never be overdue.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    @SuppressWarnings("unchecked")
    public Map<Long, Instant> countsChangedAfterAck(List<UsageDevice> devices) {
        Map<Long, Instant> changed = new HashMap<>();
        List<Long> acknowledged = new ArrayList<>();
        Instant since = null;
        for (UsageDevice d : devices) {
            if (d.lastAckAt != null) {
                acknowledged.add(d.id);
                since = since == null || d.lastAckAt.isBefore(since) ? d.lastAckAt : since;
            }
        }
        if (acknowledged.isEmpty()) {
            return changed;
        }
        List<Object[]> rows = em.createNativeQuery("select c.device_id, min(c.received_at) from ("
                        + " select p.device_id, p.received_at, p.peak,"
                        + "  lag(p.peak) over (partition by p.device_id, p.tag_id order by p.received_at, p.id) as previous"
                        + " from (select r.device_id, r.id, r.received_at, m.tag_id, max(m.usage_count) as peak"
                        + "  from usage_report r join usage_measurement m on m.report_pk = r.id"
                        + "  where r.device_id in (?1) and r.received_at >= ?2"
                        + "  group by r.device_id, r.id, r.received_at, m.tag_id) p"
                        + ") c join usage_device d on d.id = c.device_id"
                        + " where c.received_at > d.last_ack_at and (c.previous is null or c.previous <> c.peak)"
                        + " group by c.device_id")
                .setParameter(1, acknowledged).setParameter(2, since.minus(CHANGE_LOOKBACK)).getResultList();
        for (Object[] row : rows) {
            changed.put(((Number) row[0]).longValue(), instant(row[1]));
        }
        return changed;
    }

    private static List<Long> ids(List<UsageDevice> devices) {
        return devices.stream().map(d -> d.id).toList();
    }

    private static Instant instant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof Timestamp t) {
            return t.toInstant();
        }
        throw new IllegalStateException("Not a time: " + (value == null ? "null" : value.getClass().getName()));
    }
}
