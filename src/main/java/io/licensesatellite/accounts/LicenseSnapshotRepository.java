package io.licensesatellite.accounts;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.List;

@ApplicationScoped
public class LicenseSnapshotRepository implements PanacheRepository<LicenseSnapshot> {

    public List<LicenseSnapshot> onDay(LocalDate day) {
        return list("snapshotDay", day);
    }

    /** Days from {@code from} to {@code to}, both included, in day then tag order; {@code tag} null for every tag. */
    public List<LicenseSnapshot> history(long vaId, String tag, LocalDate from, LocalDate to) {
        if (tag == null) {
            return list("virtualAccountId = ?1 and snapshotDay >= ?2 and snapshotDay <= ?3 order by snapshotDay, tag", vaId, from, to);
        }
        return list("virtualAccountId = ?1 and tag = ?2 and snapshotDay >= ?3 and snapshotDay <= ?4 order by snapshotDay", vaId, tag, from, to);
    }
}
