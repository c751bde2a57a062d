package io.licensesatellite.usage.upstream;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** The one row of usage-upstream settings and run state. */
@Entity
@Table(name = "usage_upstream_settings")
public class UsageUpstreamState {
    @Id
    public int id;
    @Column(name = "token_url")
    public String tokenUrl;
    @Column(name = "api_base_url")
    public String apiBaseUrl;
    @Column(name = "client_id")
    public String clientId;
    @Column(name = "client_secret_sealed")
    public String clientSecretSealed;
    @Column(name = "smart_account_id")
    public String smartAccountId;
    @Column(name = "batch_size", nullable = false)
    public int batchSize;
    @Column(name = "last_run_at")
    public Instant lastRunAt;
    @Column(name = "last_result")
    public String lastResult;
    @Column(name = "last_error")
    public String lastError;
    @Column(name = "consecutive_failures", nullable = false)
    public int consecutiveFailures;
    @Column(name = "next_retry_at")
    public Instant nextRetryAt;
    @Column(name = "updated_at")
    public Instant updatedAt;

    boolean configured() {
        return tokenUrl != null && apiBaseUrl != null && clientId != null && clientSecretSealed != null && smartAccountId != null;
    }
}
