package io.licensesatellite.accounts;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * What is charged to one tag of one VA, in total: the sum of its reservations, kept as a running figure so
 * authorisations cost the same with ten devices or a million. Changed only under the VA's allocation lock.
 */
@Entity
@Table(name = "license_usage")
public class LicenseUsage {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "va_id", nullable = false)
    public Long virtualAccountId;

    @Column(nullable = false)
    public String tag;

    /** Real licences of this tag held by devices. */
    @Column(nullable = false)
    public int covered;

    /** Use beyond every pool, charged to this (requested) tag. */
    @Column(nullable = false)
    public int overdrawn;
}
