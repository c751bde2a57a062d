package io.licensesatellite.usage;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One RUM report as received. The payload is kept as the exact UTF-8 bytes of the payload string the device signed,
 * deflated; {@link #signatureJson} and {@link #headerJson} are the wrapper's objects exactly as they appeared in it.
 */
@Entity
@Table(name = "usage_report")
public class UsageReport {
    /** From a sequence handing out blocks of 50, so a group of reports is inserted in one JDBC batch. */
    @Id
    // assigned by UsageStore from usage_report_seq (UsageReportIds): reports are inserted with JDBC batches
    public Long id;

    @Column(name = "device_id", nullable = false)
    public long deviceId;

    @Column(name = "report_id", nullable = false)
    public long reportId;

    @Column(name = "va_id", nullable = false)
    public long virtualAccountId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ReportSource source;

    @Column(name = "payload_deflated", nullable = false)
    public byte[] payloadDeflated;

    @Column(name = "payload_length", nullable = false)
    public int payloadLength;

    /** The signature's text, for reports of codec 0 only. */
    @Column(name = "signature_json")
    public String signatureJson;

    /** The signature deflated (codec 1 and later). */
    @Column(name = "signature_deflated")
    public byte[] signatureDeflated;

    /** How payload and signature are kept: {@link StoredReportCodec}. */
    @Column(nullable = false)
    public short codec;

    @Column(name = "header_json")
    public String headerJson;

    /** SHA-256 of the payload bytes, hex. */
    @Column(nullable = false)
    public String digest;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ReportState state;

    @Column(name = "received_at", nullable = false)
    public Instant receivedAt;

    @Column(name = "sent_at")
    public Instant sentAt;

    /** How the upstream knows the send: a poll id, a bundle name, a sync sequence. */
    public String correlation;

    @Column(name = "acknowledged_at")
    public Instant acknowledgedAt;

    @Column(name = "ack_id")
    public Long ackId;

    @Column(name = "measurement_count", nullable = false)
    public int measurementCount;

    public byte[] payload() {
        return StoredReportCodec.payload(codec, payloadDeflated, payloadLength);
    }

    /** The wrapper's signature object exactly as received. */
    public String signature(byte[] payload) {
        return StoredReportCodec.signature(codec, signatureDeflated, signatureJson, payload);
    }
}
