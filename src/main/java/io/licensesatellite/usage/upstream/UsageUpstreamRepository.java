package io.licensesatellite.usage.upstream;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;

/** The settings row and the open polls. */
@ApplicationScoped
public class UsageUpstreamRepository implements PanacheRepository<UpstreamPoll> {

    public UsageUpstreamState state() {
        return getEntityManager().find(UsageUpstreamState.class, 1);
    }

    public UsageUpstreamState lockedState() {
        return getEntityManager().find(UsageUpstreamState.class, 1, LockModeType.PESSIMISTIC_WRITE);
    }

    public List<UpstreamPoll> duePolls(Instant now, int limit) {
        return find("nextPollAt <= ?1 order by nextPollAt, id", now).page(0, limit).list();
    }

    public long openPolls() {
        return count();
    }
}
