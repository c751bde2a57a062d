package io.licensesatellite.devices;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Product instances and their events as the upstream sees them, read as projections (no entities) so a request
 * for a hundred thousand instances stays cheap. Runs in the caller's transaction.
 */
@ApplicationScoped
public class InstanceExport {
    private static final int IN_LIST_CHUNK = 500;
    private static final String INSTANCE_COLUMNS = "select p.id, p.virtualAccountId, p.pid, p.serialNumber, p.uuid, p.hostname,"
            + " p.state, p.exportControlled, p.idCertSerial, p.idCertNotAfter, p.registeredAt, p.lastContactAt,"
            + " p.authorizationExpiresAt from ProductInstance p";

    /**
     * Policy devices (state REPORTING) never registered: they have no ID certificate, and the upstream learns of them
     * from their usage reports, not from the instance list.
     */
    private static final String REGISTERED_ONLY = "p.idCertSerial is not null";

    private final EntityManager em;

    public InstanceExport(EntityManager em) {
        this.em = em;
    }

    public record ExportedInstance(String id, long virtualAccountId, String pid, String serial, String uuid,
                                   String hostname, String state, boolean exportControlled, String idCertSerial,
                                   Instant idCertNotAfter, Instant registeredAt, Instant lastContactAt,
                                   Instant authorizationExpiresAt) {}

    public record ExportedEvent(long id, Instant occurredAt, String instanceId, String udi, Long virtualAccountId,
                                String type, String detail) {}

    @Transactional(Transactional.TxType.MANDATORY)
    public long highestEventId() {
        Long max = em.createQuery("select max(e.id) from DeviceEvent e", Long.class).getSingleResult();
        return max == null ? 0 : max;
    }

    /** Events with {@code after < id <= upTo}, oldest first. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<ExportedEvent> events(long after, long upTo) {
        return em.createQuery("select e.id, e.occurredAt, e.instanceId, e.udi, e.virtualAccountId, e.type, e.detail"
                        + " from DeviceEvent e where e.id > ?1 and e.id <= ?2 order by e.id", Object[].class)
                .setParameter(1, after).setParameter(2, upTo).getResultStream()
                .map(r -> new ExportedEvent((Long) r[0], (Instant) r[1], (String) r[2], (String) r[3], (Long) r[4],
                        r[5].toString(), (String) r[6]))
                .toList();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public List<ExportedInstance> all() {
        return em.createQuery(INSTANCE_COLUMNS + " where " + REGISTERED_ONLY + " order by p.id", Object[].class).getResultStream()
                .map(InstanceExport::instance).toList();
    }

    /** The instances among {@code ids} that still exist; an id missing from the answer was removed. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<ExportedInstance> existing(Collection<String> ids) {
        List<String> all = new ArrayList<>(ids);
        List<ExportedInstance> found = new ArrayList<>(all.size());
        for (int from = 0; from < all.size(); from += IN_LIST_CHUNK) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + IN_LIST_CHUNK));
            em.createQuery(INSTANCE_COLUMNS + " where p.id in ?1 and " + REGISTERED_ONLY, Object[].class).setParameter(1, chunk)
                    .getResultStream().map(InstanceExport::instance).forEach(found::add);
        }
        return found;
    }

    private static ExportedInstance instance(Object[] r) {
        return new ExportedInstance((String) r[0], (Long) r[1], (String) r[2], (String) r[3], (String) r[4],
                (String) r[5], r[6].toString(), (Boolean) r[7], (String) r[8], (Instant) r[9], (Instant) r[10],
                (Instant) r[11], (Instant) r[12]);
    }
}
