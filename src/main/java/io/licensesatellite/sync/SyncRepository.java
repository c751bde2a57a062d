package io.licensesatellite.sync;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;

/** Every sync table is small and owned by this feature alone: one repository keeps their queries together. */
@ApplicationScoped
public class SyncRepository implements PanacheRepository<SyncHistoryEntry> {

    private EntityManager em() { return getEntityManager(); }

    public Optional<SatelliteIdentityRow> identity() {
        return em().createQuery("from SatelliteIdentityRow", SatelliteIdentityRow.class).getResultStream().findFirst();
    }

    public void persistIdentity(SatelliteIdentityRow row) { em().persist(row); }

    public Optional<UpstreamBinding> binding() {
        return em().createQuery("from UpstreamBinding", UpstreamBinding.class).getResultStream().findFirst();
    }

    public void persistBinding(UpstreamBinding binding) { em().persist(binding); }

    /** The state row, locked: every change to the exchange goes through here, one at a time. */
    public SyncState lockedState() {
        return em().find(SyncState.class, 1, LockModeType.PESSIMISTIC_WRITE);
    }

    public SyncState state() {
        return em().find(SyncState.class, 1);
    }

    public long lastSequence() {
        Long max = em().createQuery("select max(r.sequence) from SentRequest r", Long.class).getSingleResult();
        return max == null ? 0 : max;
    }

    public Optional<SentRequest> request(long sequence) {
        return Optional.ofNullable(em().find(SentRequest.class, sequence));
    }

    public void persistRequest(SentRequest request) { em().persist(request); }

    public List<UpstreamAlert> alerts() {
        return em().createQuery("from UpstreamAlert order by id", UpstreamAlert.class).getResultList();
    }

    public void replaceAlerts(List<UpstreamAlert> alerts) {
        em().createQuery("delete from UpstreamAlert").executeUpdate();
        alerts.forEach(em()::persist);
    }

    /**
     * History in the order the entries were written (the id), which is start order even when the clock was set back
     * between two runs; ordering by the recorded time would then put the older run first.
     */
    public List<SyncHistoryEntry> history(boolean newestFirst, int offset, int size) {
        return find("order by id" + (newestFirst ? " desc" : " asc")).range(offset, offset + size - 1).list();
    }
}
