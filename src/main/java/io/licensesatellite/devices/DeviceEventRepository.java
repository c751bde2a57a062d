package io.licensesatellite.devices;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Page;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
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

    /**
     * Which events a list shows; any part may be null. {@code udi} finds a device's whole history across
     * re-registrations; {@code instanceId} only what happened under one instance id.
     */
    public record EventFilter(DeviceEventType type, String instanceId, String udi, Long virtualAccountId, Instant from,
                              Instant to) {}

    public static final Map<String, String> SORT_COLUMNS = Map.of("occurredAt", "occurred_at", "type", "event_type");

    public List<InstanceViews.EventView> list(EventFilter filter, String sortField, boolean descending, long offset, int limit) {
        Where where = where(filter);
        String direction = descending ? " desc" : " asc";
        var query = getEntityManager().createNativeQuery("select id, instance_id, udi, event_type, detail, occurred_at"
                + " from device_event" + where.sql + " order by " + SORT_COLUMNS.get(sortField) + direction + ", id" + direction
                + " offset " + offset + " rows fetch next " + limit + " rows only");
        where.params.forEach(query::setParameter);
        List<InstanceViews.EventView> result = new ArrayList<>();
        for (Object row : query.getResultList()) {
            Object[] r = (Object[]) row;
            result.add(new InstanceViews.EventView(((Number) r[0]).longValue(), (String) r[1], (String) r[2], (String) r[3],
                    (String) r[4], ProductInstanceRepository.instant(r[5])));
        }
        return result;
    }

    /** Counts matching events up to {@code limit}: the log grows without end, counting it all is never needed. */
    public long countUpTo(EventFilter filter, int limit) {
        Where where = where(filter);
        var query = getEntityManager().createNativeQuery("select count(*) from (select 1 from device_event" + where.sql
                + " fetch first " + limit + " rows only) m");
        where.params.forEach(query::setParameter);
        return ((Number) query.getSingleResult()).longValue();
    }

    private record Where(String sql, Map<String, Object> params) {}

    private static Where where(EventFilter f) {
        List<String> where = new ArrayList<>();
        Map<String, Object> params = new HashMap<>();
        if (f.type() != null) {
            where.add("event_type = :type");
            params.put("type", f.type().name());
        }
        if (f.instanceId() != null) {
            where.add("instance_id = :instance");
            params.put("instance", f.instanceId());
        }
        if (f.udi() != null) {
            where.add("udi = :udi");
            params.put("udi", f.udi());
        }
        if (f.virtualAccountId() != null) {
            where.add("va_id = :va");
            params.put("va", f.virtualAccountId());
        }
        if (f.from() != null) {
            where.add("occurred_at >= :from");
            params.put("from", f.from());
        }
        if (f.to() != null) {
            where.add("occurred_at < :to");
            params.put("to", f.to());
        }
        return new Where(where.isEmpty() ? "" : " where " + String.join(" and ", where), params);
    }

    /** A device's whole history across re-registrations: events are found by UDI. */
    public List<DeviceEvent> forUdi(String udi, int page, int size) {
        return find("udi = ?1 order by occurredAt desc, id desc", udi).page(Page.of(page, size)).list();
    }
}
