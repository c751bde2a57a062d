package io.licensesatellite.accounts;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;

/** One tag of one Virtual Account on one UTC day, as last seen that day: the licence-use history. */
@Entity
@Table(name = "license_snapshot")
public class LicenseSnapshot {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "va_id", nullable = false)
    public Long virtualAccountId;

    @Column(nullable = false)
    public String tag;

    @Column(name = "snapshot_day", nullable = false)
    public LocalDate snapshotDay;

    @Column(nullable = false)
    public int purchased;

    @Column(name = "in_use", nullable = false)
    public int inUse;

    @Column(nullable = false)
    public int borrowed;

    @Column(name = "taken_at", nullable = false)
    public Instant takenAt;
}
