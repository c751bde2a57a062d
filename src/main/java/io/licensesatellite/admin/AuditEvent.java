package io.licensesatellite.admin;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One administrative action: who (a username or {@code api-client:<name>}), when, from where, what (action and
 * target), its result and HTTP status, and the state before and after where the service knows it (secrets redacted).
 */
@Entity
@Table(name = "audit_event")
public class AuditEvent {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false)
    public String actor;

    @Column(nullable = false)
    public String action;

    @Column
    public String target;

    /** success, denied (refused by access control or throttling) or failure. */
    @Column(nullable = false)
    public String result;

    @Column(nullable = false)
    public int status;

    @Column(name = "source_address")
    public String sourceAddress;

    @Column(name = "occurred_at", nullable = false)
    public Instant occurredAt;

    @Column(name = "before_state")
    public String beforeState;

    @Column(name = "after_state")
    public String afterState;
}
