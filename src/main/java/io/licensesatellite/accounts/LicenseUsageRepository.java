package io.licensesatellite.accounts;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

@ApplicationScoped
public class LicenseUsageRepository implements PanacheRepository<LicenseUsage> {

    /** All running totals of a VA by tag; call with the VA locked. */
    public Map<String, LicenseUsage> forAccount(long vaId) {
        Map<String, LicenseUsage> byTag = new HashMap<>();
        for (LicenseUsage usage : list("virtualAccountId", vaId)) {
            byTag.put(usage.tag, usage);
        }
        return byTag;
    }

    /** Adds (or, negative, removes) a charge to the running totals; call with the VA locked. */
    public void add(Map<String, LicenseUsage> totals, long vaId, String tag, boolean covered, int quantity) {
        LicenseUsage usage = totals.computeIfAbsent(tag, t -> {
            LicenseUsage created = new LicenseUsage();
            created.virtualAccountId = vaId;
            created.tag = t;
            persist(created);
            return created;
        });
        if (covered) {
            usage.covered += quantity;
        } else {
            usage.overdrawn += quantity;
        }
    }

    public List<LicenseUsage> all(long vaId) {
        return list("virtualAccountId = ?1 order by tag", vaId);
    }
}
