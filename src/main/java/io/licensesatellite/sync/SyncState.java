package io.licensesatellite.sync;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** Where the exchange stands, and the operator's online settings: one row (id 1), created by the migration. */
@Entity
@Table(name = "sync_state")
public class SyncState {
    @Id
    public int id;

    /** The last request whose response was applied; a response to it again is a replay, to an older one a rollback. */
    @Column(name = "acknowledged_sequence")
    public Long acknowledgedSequence;

    /** Events up to this id reached the upstream; a standard request carries those after it. */
    @Column(name = "acknowledged_watermark", nullable = false)
    public long acknowledgedWatermark;

    @Column(name = "last_sync_up_at")
    public Instant lastSyncUpAt;

    @Column(name = "last_sync_down_at")
    public Instant lastSyncDownAt;

    @Column(nullable = false)
    public String schedule;

    @Column(name = "sync_url")
    public String syncUrl;

    @Column(name = "proxy_host")
    public String proxyHost;

    @Column(name = "proxy_port")
    public Integer proxyPort;

    @Column(name = "proxy_username")
    public String proxyUsername;

    /** Encrypted with the data directory's secret key, never shown again. */
    @Column(name = "proxy_password_sealed")
    public String proxyPasswordSealed;

    @Column(name = "consecutive_failures", nullable = false)
    public int consecutiveFailures;

    @Column(name = "next_retry_at")
    public Instant nextRetryAt;

    @Column(name = "last_scheduled_at")
    public Instant lastScheduledAt;
}
