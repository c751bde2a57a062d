package io.licensesatellite.admin;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A console session; the id is the SHA-256 of the cookie value, never the value itself. */
@Entity
@Table(name = "admin_session")
public class AdminSession {
    @Id
    @Column(name = "id_hash")
    public String idHash;

    @Column(name = "user_id", nullable = false)
    public Long userId;

    @Column(name = "csrf_token", nullable = false)
    public String csrfToken;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "last_seen_at", nullable = false)
    public Instant lastSeenAt;

    @Column(name = "source_address")
    public String sourceAddress;

    @Column(name = "user_agent")
    public String userAgent;
}
