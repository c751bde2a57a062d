package io.licensesatellite.devices;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Makes a Smart Licensing Using Policy device visible as a product instance the first time its usage reaches the
 * satellite. Such a device never registers: the instance is in state {@link InstanceState#REPORTING}, with no key,
 * no ID certificate and no token. A device already known (a registered classic device with the same UDI) keeps its
 * instance and state; only its last contact moves.
 */
@ApplicationScoped
public class PolicyDeviceEnrolment {
    private final ProductInstanceRepository instances;
    private final Clock clock;

    public PolicyDeviceEnrolment(ProductInstanceRepository instances, Clock clock) {
        this.instances = instances;
        this.clock = clock;
    }

    /** The device's product instance id, created in state REPORTING in {@code vaId} if it has none. */
    @Transactional(Transactional.TxType.MANDATORY)
    public String enrol(String pid, String serialNumber, long vaId, String hostname, String softwareVersion) {
        Instant now = clock.instant();
        Optional<ProductInstance> existing = instances.findByUdi(pid, serialNumber);
        if (existing.isPresent()) {
            existing.get().lastContactAt = now;
            return existing.get().id;
        }
        ProductInstance instance = new ProductInstance();
        instance.id = UUID.randomUUID().toString();
        instance.virtualAccountId = vaId;
        instance.pid = pid;
        instance.serialNumber = serialNumber;
        instance.hostname = hostname;
        instance.softwareVersion = softwareVersion;
        instance.state = InstanceState.REPORTING;
        instance.registeredAt = now;
        instance.lastContactAt = now;
        instances.persist(instance);
        return instance.id;
    }

    /** A report arrived from an enrolled device: it was in contact now. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void contacted(String instanceId) {
        instances.findByPiid(instanceId).ifPresent(i -> i.lastContactAt = clock.instant());
    }

    /** Reports arrived from these enrolled devices: one statement for a whole group of them. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void contacted(Collection<String> instanceIds) {
        if (instanceIds.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        List<String> ids = List.copyOf(new TreeSet<>(instanceIds));
        for (int from = 0; from < ids.size(); from += 500) {
            instances.update("lastContactAt = ?1 where id in ?2", now, ids.subList(from, Math.min(ids.size(), from + 500)));
        }
    }
}
