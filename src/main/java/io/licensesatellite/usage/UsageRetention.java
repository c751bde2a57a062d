package io.licensesatellite.usage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;

/**
 * Deletes what {@code satellite.usage.retention} no longer asks to keep: ACKNOWLEDGED reports received before
 * {@code now - retention} with their measurements, daily usage of days before it, and acknowledgements no report
 * refers to any more. A report the upstream has not acknowledged is never deleted, however old: it is the only copy
 * of usage the vendor has not seen.
 */
@ApplicationScoped
public class UsageRetention {
    static final int BATCH = 500;

    private final EntityManager em;
    private final UsageReportRepository reports;
    private final UsageConfig config;

    public UsageRetention(EntityManager em, UsageReportRepository reports, UsageConfig config) {
        this.em = em;
        this.reports = reports;
        this.config = config;
    }

    /** What one run deleted. */
    public record Deleted(long reports, long measurements, long dailyRows, long acknowledgements) {}

    /** Runs batches until nothing is left to delete. */
    public Deleted deleteExpired(Instant now) {
        Instant cutoff = now.minus(config.retention());
        long r = 0;
        long m = 0;
        long[] batch;
        do {
            batch = deleteBatch(cutoff);
            r += batch[0];
            m += batch[1];
        } while (batch[0] == BATCH);
        long[] rest = deleteAggregates(cutoff);
        return new Deleted(r, m, rest[0], rest[1]);
    }

    @Transactional
    long[] deleteBatch(Instant cutoff) {
        List<Long> ids = reports.acknowledgedBefore(cutoff, BATCH);
        if (ids.isEmpty()) {
            return new long[] {0, 0};
        }
        int measurements = em.createNativeQuery("delete from usage_measurement where report_pk in (?1)")
                .setParameter(1, ids).executeUpdate();
        int deleted = em.createQuery("delete from UsageReport r where r.id in ?1").setParameter(1, ids).executeUpdate();
        return new long[] {deleted, measurements};
    }

    @Transactional
    long[] deleteAggregates(Instant cutoff) {
        int day = (int) Math.floorDiv(cutoff.getEpochSecond(), UsageStore.SECONDS_PER_DAY);
        int daily = em.createNativeQuery("delete from usage_daily_device where usage_day < ?1").setParameter(1, day).executeUpdate()
                + em.createNativeQuery("delete from usage_daily_va where usage_day < ?1").setParameter(1, day).executeUpdate();
        int acks = em.createNativeQuery("delete from usage_ack a where a.received_at < ?1"
                        + " and not exists (select 1 from usage_report r where r.ack_id = a.id)"
                        + " and a.id <> (select max(b.id) from usage_ack b where b.device_id = a.device_id)")
                .setParameter(1, cutoff).executeUpdate();
        return new long[] {daily, acks};
    }
}
