package io.licensesatellite.devices;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** Something that happened to a device, kept after the instance itself is gone. */
@Entity
@Table(name = "device_event")
public class DeviceEvent {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "instance_id", nullable = false)
    public String instanceId;

    @Column(nullable = false)
    public String udi;

    @Column(name = "va_id")
    public Long virtualAccountId;

    @Enumerated(EnumType.STRING)
    @Column(name = "event_type", nullable = false)
    public DeviceEventType type;

    public String detail;

    @Column(name = "occurred_at", nullable = false)
    public Instant occurredAt;
}
