package io.licensesatellite.accounts;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class LicensePoolRepository implements PanacheRepository<LicensePool> {

    public List<LicensePool> forAccount(long vaId) {
        return list("virtualAccountId = ?1 order by tag", vaId);
    }

    public Optional<LicensePool> find(long vaId, String tag) {
        return find("virtualAccountId = ?1 and tag = ?2", vaId, tag).firstResultOptional();
    }
}
