package io.licensesatellite.usage;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

@ApplicationScoped
public class UsageAckRepository implements PanacheRepository<UsageAck> {

    public Optional<UsageAck> latest(long deviceId) {
        return find("deviceId = ?1 order by id desc", deviceId).firstResultOptional();
    }
}
