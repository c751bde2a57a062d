package io.licensesatellite.tokens;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class RegistrationTokenRepository implements PanacheRepository<RegistrationToken> {

    public Optional<RegistrationToken> findByHash(String hash) {
        return find("tokenHash", hash).firstResultOptional();
    }

    /** One atomic conditional increment: the row lock is held from here to commit only. */
    public boolean claimUse(long id, Instant now) {
        return update("uses = uses + 1 where id = ?1 and revokedAt is null and expiresAt > ?2 and uses < maxUses", id, now) == 1;
    }

    /** The row as it is in the database now, not as this transaction first read it. */
    public RegistrationToken reload(long id) {
        RegistrationToken token = findById(id);
        if (token != null) {
            getEntityManager().refresh(token);
        }
        return token;
    }

    public List<RegistrationToken> forAccount(long vaId) {
        return list("virtualAccountId = ?1 order by createdAt desc, id desc", vaId);
    }
}
