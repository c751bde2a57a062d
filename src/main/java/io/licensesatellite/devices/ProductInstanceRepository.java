package io.licensesatellite.devices;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class ProductInstanceRepository implements PanacheRepository<ProductInstance> {

    public Optional<ProductInstance> findByPiid(String id) {
        return Optional.ofNullable(getEntityManager().find(ProductInstance.class, id));
    }

    public Optional<ProductInstance> findByUdi(String pid, String serial) {
        return find("pid = ?1 and serialNumber = ?2", pid, serial).firstResultOptional();
    }

    public void remove(ProductInstance instance) {
        getEntityManager().remove(instance);
    }

    /** Instances holding an authorisation that was not renewed before it ran out. */
    public List<ProductInstance> authorizationLapsedBy(Instant now, int limit) {
        return find("state in ?1 and authorizationExpiresAt <= ?2 order by authorizationExpiresAt",
                EnumSet.of(InstanceState.AUTHORIZED, InstanceState.OUT_OF_COMPLIANCE), now)
                .page(Page.ofSize(limit)).list();
    }

    public List<ProductInstance> certificateLapsedBy(Instant now, int limit) {
        return find("idCertNotAfter <= ?1 order by idCertNotAfter", now).page(Page.ofSize(limit)).list();
    }

    public record Filter(InstanceState state, Long virtualAccountId, String pid, String serialNumber, String hostname) {}

    public List<ProductInstance> search(Filter filter, int page, int size) {
        return search(filter, null, page, size);
    }

    /** @param onlyAccounts the Virtual Accounts the caller may see, or null for all */
    public List<ProductInstance> search(Filter filter, java.util.Collection<Long> onlyAccounts, int page, int size) {
        Query q = query(filter, onlyAccounts);
        return find(q.jpql + " order by registeredAt desc, id", q.params).page(Page.of(page, size)).list();
    }

    public long count(Filter filter) {
        return count(filter, null);
    }

    public long count(Filter filter, java.util.Collection<Long> onlyAccounts) {
        Query q = query(filter, onlyAccounts);
        return count(q.jpql, q.params);
    }

    private record Query(String jpql, Parameters params) {}

    private static Query query(Filter f, java.util.Collection<Long> onlyAccounts) {
        List<String> where = new ArrayList<>();
        Parameters params = new Parameters();
        if (onlyAccounts != null) {
            where.add("virtualAccountId in :visible");
            params.and("visible", onlyAccounts);
        }
        if (f.state() != null) {
            where.add("state = :state");
            params.and("state", f.state());
        }
        if (f.virtualAccountId() != null) {
            where.add("virtualAccountId = :va");
            params.and("va", f.virtualAccountId());
        }
        if (f.pid() != null) {
            where.add("pid = :pid");
            params.and("pid", f.pid());
        }
        if (f.serialNumber() != null) {
            where.add("serialNumber = :serial");
            params.and("serial", f.serialNumber());
        }
        if (f.hostname() != null) {
            where.add("lower(hostname) like :hostname");
            params.and("hostname", "%" + f.hostname().toLowerCase() + "%");
        }
        return new Query(where.isEmpty() ? "1 = 1" : String.join(" and ", where), params);
    }
}
