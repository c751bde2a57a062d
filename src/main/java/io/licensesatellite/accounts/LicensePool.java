package io.licensesatellite.accounts;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;

/** Purchased licences of one entitlement tag in one Virtual Account. */
@Entity
@Table(name = "license_pool")
public class LicensePool {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "va_id", nullable = false)
    public Long virtualAccountId;

    @Column(nullable = false)
    public String tag;

    @Column(name = "display_name", nullable = false)
    public String displayName;

    @Column(nullable = false)
    public int quantity;

    @Enumerated(EnumType.STRING)
    @Column(name = "license_type", nullable = false)
    public LicenseType licenseType;

    /** Last day a term licence counts (inclusive); null for perpetual. */
    @Column(name = "end_date")
    public LocalDate endDate;

    /** A generic, higher-tier tag whose licences may stand in when this one runs short. */
    @Column(name = "higher_tier_tag")
    public String higherTierTag;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public LicenseSource source;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** Term licences past their end date no longer count. */
    public int effectiveQuantity(LocalDate today) {
        return licenseType == LicenseType.TERM && endDate != null && today.isAfter(endDate) ? 0 : quantity;
    }
}
