package io.licensesatellite.usage.pull;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

@ApplicationScoped
public class PullDeviceRepository implements PanacheRepository<PullDevice> {

    public boolean exists(String address, int port) {
        return count("address = ?1 and port = ?2", address, port) > 0;
    }

    /** Which of these addresses already have a device on this port. */
    public Set<String> existing(Collection<String> addresses, int port) {
        if (addresses.isEmpty()) {
            return Set.of();
        }
        return find("address in ?1 and port = ?2", addresses, port).stream().map(d -> d.address).collect(Collectors.toSet());
    }

    /** Enabled devices never pulled, or last pulled at or before {@code pulledBefore}. */
    public List<PullDevice> due(Instant pulledBefore) {
        return list("enabled = true and (lastPulledAt is null or lastPulledAt <= ?1) order by id", pulledBefore);
    }

    public List<PullDevice> failing(int atLeast) {
        return list("enabled = true and consecutiveFailures >= ?1 order by id", atLeast);
    }

    /** @param visible the VAs the caller may see, or null for all; a device without a VA is in none of them */
    public PanacheQuery<PullDevice> filtered(Long virtualAccountId, PullResult lastResult, Boolean enabled, Set<Long> visible,
                                             Sort sort) {
        StringBuilder where = new StringBuilder("1 = 1");
        Parameters parameters = new Parameters();
        if (visible != null) {
            where.append(" and virtualAccountId in :visible");
            parameters.and("visible", visible);
        }
        if (virtualAccountId != null) {
            where.append(" and virtualAccountId = :va");
            parameters.and("va", virtualAccountId);
        }
        if (lastResult != null) {
            where.append(" and lastResult = :result");
            parameters.and("result", lastResult);
        }
        if (enabled != null) {
            where.append(" and enabled = :enabled");
            parameters.and("enabled", enabled);
        }
        return find(where.toString(), sort, parameters);
    }
}
