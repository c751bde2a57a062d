package io.licensesatellite.accounts;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

@Entity
@Table(name = "virtual_account")
public class VirtualAccount {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false)
    public String name;

    public String description;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** Assigned by the upstream: its pools change only through sync, never by hand. */
    @Column(name = "upstream_managed", nullable = false)
    public boolean upstreamManaged;
}
