package io.licensesatellite.sync;

import io.licensesatellite.platform.SatelliteConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.UUID;

/** The satellite's id (a UUID fixed at first start) and name, as sync files carry them. */
@ApplicationScoped
public class SatelliteIdentity {
    private final SyncRepository repository;
    private final SatelliteConfig satellite;
    private final Clock clock;
    private volatile String id;

    public SatelliteIdentity(SyncRepository repository, SatelliteConfig satellite, Clock clock) {
        this.repository = repository;
        this.satellite = satellite;
        this.clock = clock;
    }

    void onStartup(@Observes StartupEvent event) {
        id();
    }

    /** Read once (at start-up), then from memory: it never changes. */
    public String id() {
        String known = id;
        return known != null ? known : loadOrCreate();
    }

    @Transactional
    String loadOrCreate() {
        SatelliteIdentityRow row = repository.identity().orElseGet(() -> {
            SatelliteIdentityRow created = new SatelliteIdentityRow();
            created.id = UUID.randomUUID().toString();
            created.createdAt = clock.instant();
            repository.persistIdentity(created);
            return created;
        });
        id = row.id;
        return id;
    }

    public String name() { return satellite.name(); }

    /** The name as it may appear in a file name. */
    public String fileNamePart() {
        String cleaned = satellite.name().replaceAll("[^A-Za-z0-9._-]", "_");
        return cleaned.isEmpty() ? "satellite" : cleaned;
    }
}
