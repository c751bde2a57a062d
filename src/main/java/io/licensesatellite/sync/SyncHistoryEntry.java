package io.licensesatellite.sync;

import io.licensesatellite.sync.file.SyncType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One synchronisation step as the operator sees it in the history. */
@Entity
@Table(name = "sync_history")
public class SyncHistoryEntry {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public SyncChannel channel;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public SyncOperation operation;

    @Enumerated(EnumType.STRING)
    @Column(name = "sync_type")
    public SyncType type;

    @Column(name = "request_sequence")
    public Long requestSequence;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public SyncResult result;

    public String detail;

    @Column(name = "instances_sent")
    public Integer instancesSent;

    @Column(name = "events_sent")
    public Integer eventsSent;

    @Column(name = "licenses_received")
    public Integer licensesReceived;

    @Column(name = "licenses_changed")
    public Integer licensesChanged;

    @Column(name = "started_at", nullable = false)
    public Instant startedAt;

    @Column(name = "finished_at", nullable = false)
    public Instant finishedAt;

    @Column(nullable = false)
    public String actor;
}
