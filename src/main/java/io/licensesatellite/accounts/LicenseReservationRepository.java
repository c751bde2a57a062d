package io.licensesatellite.accounts;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

@ApplicationScoped
public class LicenseReservationRepository implements PanacheRepository<LicenseReservation> {

    public List<LicenseReservation> forInstance(String instanceId) {
        return list("instanceId = ?1 order by requestedTag", instanceId);
    }

    public List<LicenseReservation> forAccount(long vaId) {
        return list("virtualAccountId", vaId);
    }

    public long releaseInstance(String instanceId) {
        return delete("instanceId", instanceId);
    }

    /** Per charged tag of a VA and whether covered, the total: the ledger's starting point. */
    public List<Object[]> chargedByTag(long vaId) {
        return getEntityManager()
                .createQuery("select r.chargedTag, r.covered, sum(r.quantity) from LicenseReservation r where r.virtualAccountId = ?1 group by r.chargedTag, r.covered", Object[].class)
                .setParameter(1, vaId)
                .getResultList();
    }
}
