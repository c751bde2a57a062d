package io.licensesatellite.devices;

import io.licensesatellite.accounts.LicenseAllocation;
import io.licensesatellite.devices.InstanceViews.EventView;
import io.licensesatellite.devices.InstanceViews.InstanceDetail;
import io.licensesatellite.devices.InstanceViews.InstanceSummary;
import io.licensesatellite.devices.InstanceViews.Page;
import io.licensesatellite.platform.VisibleAccounts;
import io.licensesatellite.platform.SatelliteException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;

/** What operators see of product instances, and removing one by hand. */
@ApplicationScoped
public class ProductInstances {
    public static final int MAX_PAGE_SIZE = 500;
    static final int RECENT_EVENTS = 50;

    private final ProductInstanceRepository instances;
    private final DeviceEventRepository events;
    private final LicenseAllocation allocation;
    private final Deregistration deregistration;
    private final VisibleAccounts visible;

    public ProductInstances(ProductInstanceRepository instances, DeviceEventRepository events,
                            LicenseAllocation allocation, Deregistration deregistration, VisibleAccounts visible) {
        this.visible = visible;
        this.instances = instances;
        this.events = events;
        this.allocation = allocation;
        this.deregistration = deregistration;
    }

    @Transactional
    public Page<InstanceSummary> search(ProductInstanceRepository.Filter filter, int page, int size) {
        checkPaging(page, size);
        java.util.Set<Long> only = visible.limitedTo().orElse(null);
        if (only != null && only.isEmpty()) {
            return new Page<>(List.of(), page, size, 0);
        }
        List<InstanceSummary> items = instances.search(filter, only, page, size).stream().map(InstanceSummary::of).toList();
        return new Page<>(items, page, size, instances.count(filter, only));
    }

    @Transactional
    public InstanceDetail detail(String id) {
        ProductInstance i = require(id);
        return new InstanceDetail(InstanceSummary.of(i), i.softwareVersion, i.exportControlled, i.idCertSerial,
                i.idCertPem, allocation.heldBy(i.id),
                events.forUdi(i.udi().toString(), 0, RECENT_EVENTS).stream().map(EventView::of).toList());
    }

    @Transactional
    public Page<EventView> events(String id, int page, int size) {
        checkPaging(page, size);
        ProductInstance i = require(id);
        List<EventView> items = events.forUdi(i.udi().toString(), page, size).stream().map(EventView::of).toList();
        return new Page<>(items, page, size, events.count("udi", i.udi().toString()));
    }

    @Transactional
    public void remove(String id, String actor) {
        deregistration.remove(require(id), DeviceEventType.REMOVED, "removed by " + actor);
    }

    private ProductInstance require(String id) {
        return instances.findByPiid(id).filter(i -> visible.canSee(i.virtualAccountId))
                .orElseThrow(() -> SatelliteException.notFound("No product instance with id " + id));
    }

    private static void checkPaging(int page, int size) {
        if (page < 0) {
            throw SatelliteException.invalid("page", "must be 0 or more");
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw SatelliteException.invalid("size", "must be between 1 and " + MAX_PAGE_SIZE);
        }
    }
}
