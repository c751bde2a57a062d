package io.licensesatellite.usage;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A device that reports usage (Smart Licensing Using Policy), as the usage feature follows it. */
@Entity
@Table(name = "usage_device")
public class UsageDevice {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "udi_pid", nullable = false)
    public String pid;

    @Column(name = "udi_serial", nullable = false)
    public String serialNumber;

    @Column(name = "va_id", nullable = false)
    public long virtualAccountId;

    /** The product instance operators see for this device; null only while it is being created. */
    @Column(name = "instance_id")
    public String instanceId;

    @Column(name = "software_tag")
    public String softwareTag;

    @Column(name = "first_seen_at", nullable = false)
    public Instant firstSeenAt;

    @Column(name = "last_report_at")
    public Instant lastReportAt;

    @Column(name = "last_ack_at")
    public Instant lastAckAt;

    public DeviceId deviceId() {
        return new DeviceId(pid, serialNumber);
    }
}
