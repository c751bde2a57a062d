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
}
