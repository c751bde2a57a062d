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

    /** Serialises allocations within one VA so two devices can never both take its last licence. */
    public VirtualAccount lockForAllocation(long id) {
        return getEntityManager().find(VirtualAccount.class, id, LockModeType.PESSIMISTIC_WRITE);
    }
}
