package io.licensesatellite.usage.upstream;

import io.licensesatellite.platform.SatelliteException;
import io.licensesatellite.platform.SealedSecrets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Instant;

/**
 * Where and as whom the satellite reports usage: the upstream's OAuth token URL and usage API base URL, the client
 * id and secret, the Smart Account id. Kept in the database like the sync settings; the secret is sealed with
 * {@code <data-dir>/secrets.key} and never returned.
 */
@ApplicationScoped
public class UsageUpstreamSettings {
    static final int MAX_BATCH = 1000;

    private final UsageUpstreamRepository repository;
    private final SealedSecrets secrets;
    private final Clock clock;

    public UsageUpstreamSettings(UsageUpstreamRepository repository, SealedSecrets secrets, Clock clock) {
        this.repository = repository;
        this.secrets = secrets;
        this.clock = clock;
    }

    /** @param clientSecretSet whether a secret is stored (it is never returned) */
    public record SettingsView(String tokenUrl, String apiBaseUrl, String clientId, boolean clientSecretSet,
            String smartAccountId, int batchSize, boolean configured, Instant updatedAt) {}

    /**
     * @param clientSecret null keeps the stored one, "" removes it
     * @param batchSize    reports per reportusage call; null keeps the current (default 200)
     */
    public record SettingsUpdate(String tokenUrl, String apiBaseUrl, String clientId, String clientSecret,
            String smartAccountId, Integer batchSize) {
        @Override
        public String toString() {
            return "SettingsUpdate[" + tokenUrl + ", " + apiBaseUrl + ", " + clientId + ", secret "
                    + (clientSecret == null ? "kept" : "given") + ", " + smartAccountId + ", " + batchSize + "]";
        }
    }

    /** What the sender needs, the secret opened. */
    record Effective(URI tokenUrl, URI apiBaseUrl, String clientId, String clientSecret, String smartAccountId, int batchSize) {
        @Override
        public String toString() {
            return "Effective[" + tokenUrl + ", " + apiBaseUrl + ", " + clientId + ", " + smartAccountId + "]";
        }
    }

    @Transactional
    public SettingsView view() {
        return view(repository.state());
    }

    @Transactional
    public SettingsView update(SettingsUpdate update) {
        if (update == null) {
            throw SatelliteException.invalid("body", "required");
        }
        String tokenUrl = https("tokenUrl", update.tokenUrl());
        String apiBaseUrl = https("apiBaseUrl", update.apiBaseUrl());
        if (apiBaseUrl != null && !apiBaseUrl.endsWith("/")) {
            apiBaseUrl = apiBaseUrl + "/";
        }
        String clientId = bounded("clientId", update.clientId(), 500);
        String smartAccountId = bounded("smartAccountId", update.smartAccountId(), 500);
        if (update.clientSecret() != null && update.clientSecret().length() > 1000) {
            throw SatelliteException.invalid("clientSecret", "at most 1000 characters");
        }
        if (update.batchSize() != null && (update.batchSize() < 1 || update.batchSize() > MAX_BATCH)) {
            throw SatelliteException.invalid("batchSize", "from 1 to " + MAX_BATCH + " reports per call");
        }
        UsageUpstreamState state = repository.lockedState();
        state.tokenUrl = tokenUrl;
        state.apiBaseUrl = apiBaseUrl;
        state.clientId = clientId;
        state.smartAccountId = smartAccountId;
        if ("".equals(update.clientSecret())) {
            state.clientSecretSealed = null;
        } else if (update.clientSecret() != null) {
            state.clientSecretSealed = secrets.seal(update.clientSecret());
        }
        if (update.batchSize() != null) {
            state.batchSize = update.batchSize();
        }
        state.updatedAt = clock.instant();
        // New settings deserve a try at once, not after the backoff earned by the old ones.
        state.nextRetryAt = null;
        state.consecutiveFailures = 0;
        return view(state);
    }

    @Transactional
    Effective effective() {
        UsageUpstreamState state = repository.state();
        if (!state.configured()) {
            throw new SatelliteException(io.licensesatellite.platform.ErrorKind.USAGE_UPSTREAM_NOT_CONFIGURED,
                    "Set the usage upstream first (PUT /api/v1/usage/upstream-settings): token URL, API base URL, client id"
                            + " and secret, Smart Account id");
        }
        return new Effective(URI.create(state.tokenUrl), URI.create(state.apiBaseUrl), state.clientId,
                secrets.open(state.clientSecretSealed), state.smartAccountId, state.batchSize);
    }

    private SettingsView view(UsageUpstreamState state) {
        return new SettingsView(state.tokenUrl, state.apiBaseUrl, state.clientId, state.clientSecretSealed != null,
                state.smartAccountId, state.batchSize, state.configured(), state.updatedAt);
    }

    private static String https(String field, String value) {
        String url = bounded(field, value, 2000);
        if (url == null) {
            return null;
        }
        try {
            URI uri = new URI(url);
            if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
                throw SatelliteException.invalid(field, "must be an https:// URL with a host");
            }
            if (uri.getRawUserInfo() != null) {
                throw SatelliteException.invalid(field, "must not carry credentials");
            }
        } catch (URISyntaxException e) {
            throw SatelliteException.invalid(field, "not a URL: " + e.getReason());
        }
        return url;
    }

    private static String bounded(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > max) {
            throw SatelliteException.invalid(field, "at most " + max + " characters");
        }
        return value.trim();
    }
}
