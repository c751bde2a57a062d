package io.licensesatellite.sync;

import io.licensesatellite.sync.file.SyncType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A request file this satellite wrote; a response is accepted only for one of these, by sequence and digest. */
@Entity
@Table(name = "sync_request")
public class SentRequest {
    @Id
    public long sequence;

    @Enumerated(EnumType.STRING)
    @Column(name = "sync_type", nullable = false)
    public SyncType type;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public SyncChannel channel;

    /** SHA-256 (hex) of the file's exact bytes. */
    @Column(nullable = false)
    public String digest;

    @Column(name = "event_watermark", nullable = false)
    public long eventWatermark;

    @Column(name = "instance_count", nullable = false)
    public int instanceCount;

    @Column(name = "event_count", nullable = false)
    public int eventCount;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(name = "answered_at")
    public Instant answeredAt;
}
