package io.licensesatellite.tokens;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A registration ("ID") token. Only its SHA-256 is kept: the token itself is shown once, at creation. */
@Entity
@Table(name = "registration_token")
public class RegistrationToken {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "va_id", nullable = false)
    public Long virtualAccountId;

    @Column(name = "token_hash", nullable = false)
    public String tokenHash;

    /** The first characters of the token, not secret, so an operator can tell tokens apart. */
    @Column(name = "token_hint", nullable = false)
    public String tokenHint;

    public String description;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;

    @Column(name = "max_uses", nullable = false)
    public int maxUses;

    @Column(nullable = false)
    public int uses;

    @Column(name = "export_controlled", nullable = false)
    public boolean exportControlled;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    @Column(name = "created_by", nullable = false)
    public String createdBy;
}
