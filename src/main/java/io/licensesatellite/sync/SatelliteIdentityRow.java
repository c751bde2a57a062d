package io.licensesatellite.sync;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** The satellite's id towards the upstream: one row, created at first start. */
@Entity
@Table(name = "satellite_identity")
public class SatelliteIdentityRow {
    @Id
    public String id;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
