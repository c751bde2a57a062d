package io.licensesatellite.tokens;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class RegistrationTokenRepository implements PanacheRepository<RegistrationToken> {

    /** Locks the row so two registrations racing for a token's last use cannot both win. */
    public Optional<RegistrationToken> findByHashForUpdate(String hash) {
        return find("tokenHash", hash).withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }

    public List<RegistrationToken> forAccount(long vaId) {
        return list("virtualAccountId = ?1 order by createdAt desc, id desc", vaId);
    }
}
