package io.licensesatellite.accounts;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * Licences one product instance holds: requested under one tag, charged to that tag's pool or, when it
 * ran short, to a higher tier. A shortfall is charged to the requested tag and drives its balance negative.
 */
@Entity
@Table(name = "license_reservation")
public class LicenseReservation {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "instance_id", nullable = false)
    public String instanceId;

    @Column(name = "va_id", nullable = false)
    public Long virtualAccountId;

    @Column(name = "requested_tag", nullable = false)
    public String requestedTag;

    @Column(name = "charged_tag", nullable = false)
    public String chargedTag;

    @Column(nullable = false)
    public int quantity;

    /** False for use no pool could cover: it lowers the balance but holds no real licence. */
    @Column(nullable = false)
    public boolean covered;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
