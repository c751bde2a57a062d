package io.licensesatellite.usage;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Page;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class UsageReportRepository implements PanacheRepository<UsageReport> {

    public Optional<UsageReport> find(long deviceId, long reportId) {
        return find("deviceId = ?1 and reportId = ?2", deviceId, reportId).firstResultOptional();
    }

    /** Pending reports in a stable order: by VA, then device, then arrival. */
    public List<UsageReport> pending(int limit) {
        return find("state = ?1 order by virtualAccountId, deviceId, id", ReportState.PENDING).page(Page.ofSize(limit)).list();
    }

    public List<UsageReport> byCorrelation(String correlation) {
        return list("correlation = ?1 and state = ?2", correlation, ReportState.SENT);
    }

    public List<UsageReport> byIds(Collection<Long> ids) {
        return list("id in ?1", ids);
    }

    public List<UsageReport> ofDevice(long deviceId, Collection<Long> reportIds) {
        return list("deviceId = ?1 and reportId in ?2", deviceId, reportIds);
    }

    /** Ids of acknowledged reports received before {@code cutoff}, oldest first. */
    public List<Long> acknowledgedBefore(Instant cutoff, int limit) {
        return getEntityManager().createQuery("select r.id from UsageReport r where r.state = ?1 and r.receivedAt < ?2 order by r.id", Long.class)
                .setParameter(1, ReportState.ACKNOWLEDGED).setParameter(2, cutoff).setMaxResults(limit).getResultList();
    }
}
