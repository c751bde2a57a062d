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

    /** Which tokens a list shows; either part may be null. {@code status} as {@link TokenRedemptionPolicy} names it. */
    /** @param onlyAccounts the Virtual Accounts the caller may see, or null for all */
    public record TokenFilter(Long virtualAccountId, String status, java.util.Collection<Long> onlyAccounts) {
        public TokenFilter(Long virtualAccountId, String status) {
            this(virtualAccountId, status, null);
        }
    }

    public static final java.util.Map<String, String> SORT_FIELDS = java.util.Map.of(
            "createdAt", "createdAt", "expiresAt", "expiresAt", "usesLeft", "(maxUses - uses)");

    public List<RegistrationToken> page(TokenFilter filter, Instant now, String sortField, boolean descending, int offset, int size) {
        String direction = descending ? " desc" : " asc";
        return find(where(filter) + " order by " + SORT_FIELDS.get(sortField) + direction + ", id" + direction,
                params(filter, now)).range(offset, offset + size - 1).list();
    }

    public long count(TokenFilter filter, Instant now) {
        return count(where(filter), params(filter, now));
    }

    /** The status conditions in the order the redemption policy checks them: revoked, expired, used up. */
    private static String where(TokenFilter f) {
        java.util.List<String> where = new java.util.ArrayList<>();
        if (f.virtualAccountId() != null) {
            where.add("virtualAccountId = :va");
        }
        if (f.onlyAccounts() != null) {
            where.add("virtualAccountId in :visible");
        }
        if (f.status() != null) {
            where.add(switch (f.status()) {
                case "REVOKED" -> "revokedAt is not null";
                case "EXPIRED" -> "revokedAt is null and expiresAt <= :now";
                case "USED_UP" -> "revokedAt is null and expiresAt > :now and uses >= maxUses";
                case "ACTIVE" -> "revokedAt is null and expiresAt > :now and uses < maxUses";
                default -> throw new IllegalArgumentException("Unknown token status " + f.status());
            });
        }
        return where.isEmpty() ? "1 = 1" : String.join(" and ", where);
    }

    private static io.quarkus.panache.common.Parameters params(TokenFilter f, Instant now) {
        io.quarkus.panache.common.Parameters params = new io.quarkus.panache.common.Parameters();
        if (f.virtualAccountId() != null) {
            params.and("va", f.virtualAccountId());
        }
        if (f.onlyAccounts() != null) {
            params.and("visible", f.onlyAccounts());
        }
        if (f.status() != null && !f.status().equals("REVOKED")) {
            params.and("now", now);
        }
        return params;
    }

    public List<RegistrationToken> forAccount(long vaId) {
        return list("virtualAccountId = ?1 order by createdAt desc, id desc", vaId);
    }
}
