package io.licensesatellite.usage;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A Smart Licensing Authorization Code (SLAC) request from a device, kept as the device wrote it, and the code once
 * the upstream answers (byte-exact).
 */
@Entity
@Table(name = "usage_authorization_request")
public class AuthorizationRequest {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "device_id", nullable = false)
    public long deviceId;

    /** The request entry's JSON exactly as the device wrote it. */
    @Column(name = "request_json", nullable = false)
    public String requestJson;

    /** The entitlements asked for, {@code tag=count} separated by newlines (for listing; the JSON is the truth). */
    @Column(nullable = false)
    public String entitlements;

    @Column(name = "confirm_code")
    public String confirmCode;

    @Column(name = "remove_code")
    public String removeCode;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ReportSource source;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public AuthorizationState state;

    @Column(name = "received_at", nullable = false)
    public Instant receivedAt;

    @Column(name = "sent_at")
    public Instant sentAt;

    public String correlation;

    /** The authorisation code (the upstream's {@code smart_license} document), byte-exact. */
    @Column(name = "code_bytes")
    public byte[] codeBytes;

    @Column(name = "answered_at")
    public Instant answeredAt;

    @Column(name = "delivered_at")
    public Instant deliveredAt;

    @Column(name = "delivered_by")
    public String deliveredBy;
}
