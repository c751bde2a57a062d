package io.licensesatellite.usage;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class UsageAckRepository implements PanacheRepository<UsageAck> {

    public Optional<UsageAck> latest(long deviceId) {
        return find("deviceId = ?1 order by id desc", deviceId).firstResultOptional();
    }

    /** The device's acknowledgements not delivered yet, oldest first. */
    public List<UsageAck> undelivered(long deviceId) {
        return list("deviceId = ?1 and deliveredAt is null order by id", deviceId);
    }
}
