package io.licensesatellite.usage;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

@ApplicationScoped
public class UsageDeviceRepository implements PanacheRepository<UsageDevice> {

    public Optional<UsageDevice> find(DeviceId id) {
        return find("pid = ?1 and serialNumber = ?2", id.pid(), id.serialNumber()).firstResultOptional();
    }
}
