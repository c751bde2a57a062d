package io.licensesatellite.admin;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** An automation credential: a bearer token with exactly its scopes. Only the token's SHA-256 is stored. */
@Entity
@Table(name = "api_client")
public class ApiClient {
    @Id
    public String id;

    @Column(nullable = false)
    public String name;

    /** Permission names, comma-separated. */
    @Column(nullable = false)
    public String scopes;

    @Column(name = "token_hash", nullable = false)
    public String tokenHash;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "expires_at")
    public Instant expiresAt;

    @Column(name = "last_used_at")
    public Instant lastUsedAt;

    @Column(name = "revoked_at")
    public Instant revokedAt;
}
