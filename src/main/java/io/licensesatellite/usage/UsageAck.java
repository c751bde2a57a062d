package io.licensesatellite.usage;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** An acknowledgement the upstream sent for one device, and the policy that came with it, both byte-exact. */
@Entity
@Table(name = "usage_ack")
public class UsageAck {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "device_id", nullable = false)
    public long deviceId;

    @Column(name = "ack_bytes", nullable = false)
    public byte[] ackBytes;

    @Column(name = "policy_bytes")
    public byte[] policyBytes;

    @Column(name = "received_from", nullable = false)
    public String receivedFrom;

    @Column(name = "received_at", nullable = false)
    public Instant receivedAt;

    @Column(name = "report_count", nullable = false)
    public int reportCount;

    @Column(name = "delivered_at")
    public Instant deliveredAt;

    /** How it reached the device: {@link DeliveryPath}. */
    @Column(name = "delivered_by")
    public String deliveredBy;
}
