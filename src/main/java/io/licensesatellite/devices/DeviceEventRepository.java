package io.licensesatellite.devices;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Page;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;

@ApplicationScoped
public class DeviceEventRepository implements PanacheRepository<DeviceEvent> {
    private final Clock clock;

    public DeviceEventRepository(Clock clock) {
        this.clock = clock;
    }

    public void record(ProductInstance instance, DeviceEventType type, String detail) {
        DeviceEvent event = new DeviceEvent();
        event.instanceId = instance.id;
        event.udi = instance.udi().toString();
        event.virtualAccountId = instance.virtualAccountId;
        event.type = type;
        event.detail = detail == null || detail.length() <= 2000 ? detail : detail.substring(0, 2000);
        event.occurredAt = clock.instant();
        persist(event);
    }

    /** A device's whole history across re-registrations: events are found by UDI. */
    public List<DeviceEvent> forUdi(String udi, int page, int size) {
        return find("udi = ?1 order by occurredAt desc, id desc", udi).page(Page.of(page, size)).list();
    }
}
