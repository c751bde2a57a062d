package io.licensesatellite.devices;

import io.licensesatellite.accounts.LicenseAllocation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * What time does to devices: an authorisation not renewed within its validity expires and frees the
 * licences; an ID certificate that lapses unrenewed removes the instance.
 */
@ApplicationScoped
public class DeviceLifecycle {
    private static final Logger LOG = Logger.getLogger(DeviceLifecycle.class);

    private final ProductInstanceRepository instances;
    private final DeviceEventRepository events;
    private final LicenseAllocation allocation;
    private final Deregistration deregistration;
    private final DevicesConfig config;

    public DeviceLifecycle(ProductInstanceRepository instances, DeviceEventRepository events, LicenseAllocation allocation,
                           Deregistration deregistration, DevicesConfig config) {
        this.instances = instances;
        this.events = events;
        this.allocation = allocation;
        this.deregistration = deregistration;
        this.config = config;
    }

    /** Runs both rules until nothing is left to do; returns how many instances changed. */
    public int apply(Instant now) {
        int expired = 0;
        int batch;
        do {
            batch = expireSilentDevices(now);
            expired += batch;
        } while (batch == config.lifecycleBatchSize());
        int removed = 0;
        do {
            batch = removeLapsedRegistrations(now);
            removed += batch;
        } while (batch == config.lifecycleBatchSize());
        if (expired + removed > 0) {
            LOG.infof("Life cycle: %d authorisation(s) expired, %d instance(s) removed", expired, removed);
        }
        return expired + removed;
    }

    @Transactional
    public int expireSilentDevices(Instant now) {
        // Only an authorisation renews an authorisation: an ID-certificate renewal is contact, but keeps no licence.
        List<ProductInstance> silent = instances.authorizationLapsedBy(now, config.lifecycleBatchSize());
        for (ProductInstance instance : silent) {
            long released = allocation.releaseAll(instance.id);
            instance.state = InstanceState.AUTHORIZATION_EXPIRED;
            events.record(instance, DeviceEventType.AUTHORIZATION_EXPIRED,
                    "authorisation not renewed since " + instance.authorizedAt + (released > 0 ? "; licences returned to the pool" : ""));
        }
        return silent.size();
    }

    @Transactional
    public int removeLapsedRegistrations(Instant now) {
        List<ProductInstance> lapsed = instances.certificateLapsedBy(now, config.lifecycleBatchSize());
        for (ProductInstance instance : lapsed) {
            deregistration.remove(instance, DeviceEventType.REMOVED,
                    "ID certificate expired on " + instance.idCertNotAfter + " without renewal");
        }
        return lapsed.size();
    }
}
