package io.licensesatellite.devices;

import io.licensesatellite.accounts.LicenseAllocation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;

/** A device leaves: its licences go back to the pool and the instance is removed; its history stays. */
@ApplicationScoped
public class Deregistration {
    private final ProductInstanceRepository instances;
    private final DeviceEventRepository events;
    private final LicenseAllocation allocation;
    private final Rejections rejections;
    private final Clock clock;
    private final ClockTolerancePolicy clockTolerance;

    public Deregistration(ProductInstanceRepository instances, DeviceEventRepository events,
                          LicenseAllocation allocation, DevicesConfig config, Rejections rejections, Clock clock) {
        this.instances = instances;
        this.events = events;
        this.allocation = allocation;
        this.rejections = rejections;
        this.clock = clock;
        this.clockTolerance = new ClockTolerancePolicy(config.clockTolerance());
    }

    @Transactional
    public DeviceOutcome deregister(DeviceCommands.Deregister command) {
        if (!clockTolerance.accepts(command.deviceTime(), clock.instant())) {
            return rejections.reject(FailureReason.CLOCK_OFFSET, String.valueOf(command.deviceTime().toEpochMilli()));
        }
        ProductInstance instance = instances.findByPiid(command.productInstanceId()).orElse(null);
        if (instance == null) {
            return rejections.reject(FailureReason.NOT_REGISTERED, command.productInstanceId());
        }
        if (!instance.isSameDevice(command.udi())) {
            return rejections.reject(FailureReason.INVALID_DATA, FailureReason.UDI_MISMATCH);
        }
        remove(instance, DeviceEventType.DEREGISTERED, "deregistered by the device");
        return new DeviceOutcome.Deregistered(instance.id);
    }

    /** Also used by operators and the life cycle: release, record, delete. */
    @Transactional(Transactional.TxType.MANDATORY)
    void remove(ProductInstance instance, DeviceEventType why, String detail) {
        long released = allocation.releaseAll(instance.id);
        events.record(instance, why, detail + (released > 0 ? "; licences released" : ""));
        instances.remove(instance);
    }
}
