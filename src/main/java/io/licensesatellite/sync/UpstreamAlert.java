package io.licensesatellite.sync;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** An alert the upstream sent with the last applied response. */
@Entity
@Table(name = "upstream_alert")
public class UpstreamAlert {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false)
    public String severity;

    @Column(nullable = false)
    public String code;

    @Column(nullable = false)
    public String message;

    @Column(name = "received_at", nullable = false)
    public Instant receivedAt;
}
