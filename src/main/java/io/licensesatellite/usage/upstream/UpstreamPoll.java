package io.licensesatellite.usage.upstream;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A send the upstream answered OK_POLL, polled until COMPLETE. */
@Entity
@Table(name = "usage_upstream_poll")
public class UpstreamPoll {
    static final String ACKNOWLEDGEMENTS = "acknowledgements";
    static final String AUTHORIZATIONS = "authorizations";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "poll_id", nullable = false)
    public long pollId;
    @Column(nullable = false)
    public String action;
    @Column(nullable = false)
    public String correlation;
    @Column(name = "virtual_account", nullable = false)
    public String virtualAccount;
    @Column(name = "item_count", nullable = false)
    public int itemCount;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
    @Column(name = "next_poll_at", nullable = false)
    public Instant nextPollAt;
    @Column(nullable = false)
    public int polls;
}
