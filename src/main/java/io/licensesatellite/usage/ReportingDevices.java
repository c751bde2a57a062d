package io.licensesatellite.usage;

import io.licensesatellite.devices.PolicyDeviceEnrolment;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;

/** Finds a reporting device, or records it (and its product instance, through the devices feature) when new. */
@ApplicationScoped
public class ReportingDevices {
    private final UsageDeviceRepository devices;
    private final PolicyDeviceEnrolment enrolment;

    public ReportingDevices(UsageDeviceRepository devices, PolicyDeviceEnrolment enrolment) {
        this.devices = devices;
        this.enrolment = enrolment;
    }

    /**
     * The device, created in {@code vaId} if new; an existing device keeps its VA and only its last contact moves.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public UsageDevice findOrEnrol(DeviceId id, long vaId, String hostname, String softwareVersion, String softwareTag,
                                   Instant now) {
        UsageDevice device = devices.find(id).orElse(null);
        if (device == null) {
            device = new UsageDevice();
            device.pid = id.pid();
            device.serialNumber = id.serialNumber();
            device.virtualAccountId = vaId;
            device.softwareTag = softwareTag;
            device.firstSeenAt = now;
            device.instanceId = enrolment.enrol(id.pid(), id.serialNumber(), vaId, hostname, softwareVersion);
            devices.persist(device);
        } else if (device.instanceId != null) {
            enrolment.contacted(device.instanceId);
        }
        return device;
    }
}
