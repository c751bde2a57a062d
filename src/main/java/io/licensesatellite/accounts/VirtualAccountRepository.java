package io.licensesatellite.accounts;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.Optional;

@ApplicationScoped
public class VirtualAccountRepository implements PanacheRepository<VirtualAccount> {

    public Optional<VirtualAccount> findByName(String name) {
        return find("name", name).firstResultOptional();
    }

    public static final java.util.Map<String, String> SORT_FIELDS = java.util.Map.of("name", "lower(name)", "id", "id");

    /** A page of accounts whose name contains {@code nameContains} (any case; null for all). */
    public java.util.List<VirtualAccount> page(String nameContains, String sortField, boolean descending, int offset, int size) {
        String direction = descending ? " desc" : " asc";
        return find(where(nameContains) + " order by " + SORT_FIELDS.get(sortField) + direction + ", id" + direction,
                params(nameContains)).range(offset, offset + size - 1).list();
    }

    public long count(String nameContains) {
        return count(where(nameContains), params(nameContains));
    }

    private static String where(String nameContains) {
        return nameContains == null ? "1 = 1" : "lower(name) like :name escape '\\'";
    }

    private static io.quarkus.panache.common.Parameters params(String nameContains) {
        io.quarkus.panache.common.Parameters params = new io.quarkus.panache.common.Parameters();
        if (nameContains != null) {
            params.and("name", "%" + nameContains.toLowerCase(java.util.Locale.ROOT)
                    .replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        return params;
    }

    /** Serialises allocations within one VA so two devices can never both take its last licence. */
    public VirtualAccount lockForAllocation(long id) {
        return getEntityManager().find(VirtualAccount.class, id, LockModeType.PESSIMISTIC_WRITE);
    }
}
