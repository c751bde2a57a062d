package io.licensesatellite.devices;

import io.licensesatellite.accounts.LicenseAllocation;
import io.licensesatellite.devices.InstanceViews.EventView;
import io.licensesatellite.devices.InstanceViews.InstanceDetail;
import io.licensesatellite.devices.InstanceViews.InstanceSummary;
import io.licensesatellite.platform.CachedFigure;
import io.licensesatellite.platform.CachedFigures;
import io.licensesatellite.platform.CountedPage;
import io.licensesatellite.platform.PageRequest;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.licensesatellite.platform.SatelliteException;
import io.licensesatellite.platform.VisibleAccounts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** What operators see of product instances, and removing one by hand. */
@ApplicationScoped
public class ProductInstances {
    static final int RECENT_EVENTS = 50;

    private final ProductInstanceRepository instances;
    private final DeviceEventRepository events;
    private final LicenseAllocation allocation;
    private final Deregistration deregistration;
    private final CachedFigures figures;
    private final CachedFigure<Map<Long, Map<InstanceState, Long>>> counts;
    private final VisibleAccounts visible;

    public ProductInstances(ProductInstanceRepository instances, DeviceEventRepository events,
                            LicenseAllocation allocation, Deregistration deregistration, CachedFigures figures,
                            VisibleAccounts visible) {
        this.figures = figures;
        this.visible = visible;
        this.counts = figures.of(() -> QuarkusTransaction.requiringNew().call(instances::countsPerAccountAndState));
        this.instances = instances;
        this.events = events;
        this.allocation = allocation;
        this.deregistration = deregistration;
    }

    public static final List<String> SORTS = List.of("hostname", "pid", "serialNumber", "state", "lastContactAt",
            "registeredAt");
    public static final String DEFAULT_SORT = "-registeredAt";
    public static final List<String> EVENT_SORTS = List.of("occurredAt", "type");
    public static final String DEFAULT_EVENT_SORT = "-occurredAt";

    /**
     * One page of instances. The total comes from the counts kept per account and state when the filter allows
     * (at most {@code satellite.lists.totals-max-age} old), exactly from the indexes for PID and serial number, and
     * is bounded for hostname substrings. Pages in the second half of an exactly counted list are read in the
     * reverse order from the end, so the last page costs what the first does instead of skipping every row before it.
     */
    @Transactional
    public CountedPage<InstanceSummary> search(ProductInstanceRepository.Filter requested, PageRequest request) {
        java.util.Set<Long> only = visible.limitedTo().orElse(null);
        if (only != null && only.isEmpty()) {
            return CountedPage.exact(List.of(), request, 0);
        }
        ProductInstanceRepository.Filter filter = only == null ? requested : requested.visibleOnly(only);
        if (filter.hostname() != null) {
            int limit = figures.maxCountedMatches();
            long counted = instances.countUpTo(filter, limit + 1);
            return CountedPage.bounded(read(filter, request, counted <= limit ? counted : -1), request, counted, limit);
        }
        long total = filter.countedPerAccountAndState() ? countFromKeptCounts(filter) : instances.count(filter);
        return CountedPage.exact(read(filter, request, total), request, total);
    }

    /** Instances per state across the satellite, from the kept counts. */
    public Map<InstanceState, Long> countsByState() {
        Map<InstanceState, Long> byState = new EnumMap<>(InstanceState.class);
        for (InstanceState state : InstanceState.values()) {
            byState.put(state, 0L);
        }
        counts.get().values().forEach(perState -> perState.forEach((state, n) -> byState.merge(state, n, Long::sum)));
        return byState;
    }

    private long countFromKeptCounts(ProductInstanceRepository.Filter filter) {
        Map<Long, Map<InstanceState, Long>> all = counts.get();
        long total = 0;
        for (Map.Entry<Long, Map<InstanceState, Long>> va : all.entrySet()) {
            if (filter.virtualAccountId() != null && !filter.virtualAccountId().equals(va.getKey())
                    || filter.onlyAccounts() != null && !filter.onlyAccounts().contains(va.getKey())) {
                continue;
            }
            for (Map.Entry<InstanceState, Long> state : va.getValue().entrySet()) {
                if (filter.state() == null || filter.state() == state.getKey()) {
                    total += state.getValue();
                }
            }
        }
        return total;
    }

    /** {@code total} -1 when unknown: then every page is read forwards. */
    private List<InstanceSummary> read(ProductInstanceRepository.Filter filter, PageRequest request, long total) {
        long offset = request.offset();
        if (total >= 0 && offset >= total) {
            return List.of();
        }
        if (total >= 0 && offset > total / 2) {
            long end = Math.min(total, offset + request.size());
            List<InstanceSummary> reversed = new ArrayList<>(instances.summaries(filter, request.sortField(),
                    !request.descending(), total - end, (int) (end - offset)));
            Collections.reverse(reversed);
            return reversed;
        }
        return instances.summaries(filter, request.sortField(), request.descending(), offset, request.size());
    }

    @Transactional
    public InstanceDetail detail(String id) {
        ProductInstance i = require(id);
        return new InstanceDetail(InstanceSummary.of(i), i.softwareVersion, i.exportControlled, i.idCertSerial,
                i.idCertPem, allocation.heldBy(i.id),
                events.forUdi(i.udi().toString(), 0, RECENT_EVENTS).stream().map(EventView::of).toList());
    }

    /** A device's whole history across re-registrations (found by UDI). */
    @Transactional
    public CountedPage<EventView> events(String id, DeviceEventType type, PageRequest request) {
        ProductInstance i = require(id);
        return eventLog(new DeviceEventRepository.EventFilter(type, null, i.udi().toString(), null, null, null), request);
    }

    /** The device event log across instances, newest first unless sorted otherwise. */
    @Transactional
    public CountedPage<EventView> eventLog(DeviceEventRepository.EventFilter filter, PageRequest request) {
        int limit = figures.maxCountedMatches();
        long counted = events.countUpTo(filter, limit + 1);
        List<EventView> items = request.offset() >= counted ? List.of()
                : events.list(filter, request.sortField(), request.descending(), request.offset(), request.size());
        return CountedPage.bounded(items, request, counted, limit);
    }

    @Transactional
    public void remove(String id, String actor) {
        deregistration.remove(require(id), DeviceEventType.REMOVED, "removed by " + actor);
    }

    private ProductInstance require(String id) {
        return instances.findByPiid(id).filter(i -> visible.canSee(i.virtualAccountId))
                .orElseThrow(() -> SatelliteException.notFound("No product instance with id " + id));
    }

}
