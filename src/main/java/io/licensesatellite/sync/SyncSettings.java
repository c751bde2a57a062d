package io.licensesatellite.sync;

import io.licensesatellite.platform.AuditDetails;
import io.licensesatellite.platform.SatelliteException;
import io.licensesatellite.platform.SealedSecrets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * The operator's online sync settings: schedule, upstream URL (the authorization file's when not set here) and an
 * optional HTTPS proxy. Kept in the database so they survive upgrades and are changed, audited, through the API.
 * The proxy password is sealed and never shown again.
 */
@ApplicationScoped
public class SyncSettings {
    private final SyncRepository repository;
    private final SealedSecrets secrets;
    private final Clock clock;

    private final AuditDetails audit;

    public SyncSettings(SyncRepository repository, SealedSecrets secrets, Clock clock, AuditDetails audit) {
        this.audit = audit;
        this.repository = repository;
        this.secrets = secrets;
        this.clock = clock;
    }

    /** @param proxyPasswordSet whether a password is stored (it is never returned) */
    public record SettingsView(String schedule, String syncUrl, String effectiveSyncUrl, String proxyHost,
                               Integer proxyPort, String proxyUsername, boolean proxyPasswordSet,
                               Instant nextScheduledRun) {}

    /**
     * @param proxyPassword null keeps the stored one, "" removes it
     * @param syncUrl       null or "" uses the URL from the authorization file
     */
    public record SettingsUpdate(String schedule, String syncUrl, String proxyHost, Integer proxyPort,
                                 String proxyUsername, String proxyPassword) {}

    @Transactional
    public SettingsView view() {
        return view(repository.state());
    }

    @Transactional
    public SettingsView update(SettingsUpdate update) {
        if (update == null) {
            throw SatelliteException.invalid("body", "required");
        }
        SyncSchedule schedule = parseSchedule(update.schedule() == null ? "off" : update.schedule());
        String url = blankToNull(update.syncUrl());
        if (url != null) {
            requireHttpsUrl(url);
        }
        String proxyHost = blankToNull(update.proxyHost());
        if (proxyHost != null && (update.proxyPort() == null || update.proxyPort() < 1 || update.proxyPort() > 65535)) {
            throw SatelliteException.invalid("proxyPort", "a proxy needs a port between 1 and 65535");
        }
        if (proxyHost == null && (blankToNull(update.proxyUsername()) != null || blankToNull(update.proxyPassword()) != null)) {
            throw SatelliteException.invalid("proxyHost", "proxy credentials need a proxy host");
        }
        SyncState state = repository.lockedState();
        SettingsView before = view(state);
        if (!schedule.toString().equals(state.schedule)) {
            // A new schedule starts counting from now, not from a run that never happened under it.
            state.lastScheduledAt = clock.instant();
        }
        state.schedule = schedule.toString();
        state.syncUrl = url;
        state.proxyHost = proxyHost;
        state.proxyPort = proxyHost == null ? null : update.proxyPort();
        state.proxyUsername = proxyHost == null ? null : blankToNull(update.proxyUsername());
        if (proxyHost == null || state.proxyUsername == null || "".equals(update.proxyPassword())) {
            state.proxyPasswordSealed = null;
        } else if (update.proxyPassword() != null) {
            state.proxyPasswordSealed = secrets.seal(update.proxyPassword());
        }
        SettingsView after = view(state);
        audit.describe("sync-settings.update", "sync-settings", before, after);
        return after;
    }

    /** The upstream URL online sync uses: the operator's, else the authorization file's. */
    @Transactional
    public Optional<String> effectiveSyncUrl() {
        SyncState state = repository.state();
        if (state.syncUrl != null) {
            return Optional.of(state.syncUrl);
        }
        return repository.binding().map(b -> b.syncUrl);
    }

    /** The proxy password, opened; only for the upstream door. */
    @Transactional
    public Optional<String> proxyPassword() {
        SyncState state = repository.state();
        return Optional.ofNullable(state.proxyPasswordSealed).map(secrets::open);
    }

    private SettingsView view(SyncState state) {
        SyncSchedule schedule = parseSchedule(state.schedule);
        Instant from = state.lastScheduledAt == null ? clock.instant() : state.lastScheduledAt;
        String bindingUrl = repository.binding().map(b -> b.syncUrl).orElse(null);
        return new SettingsView(state.schedule, state.syncUrl, state.syncUrl != null ? state.syncUrl : bindingUrl,
                state.proxyHost, state.proxyPort, state.proxyUsername, state.proxyPasswordSealed != null,
                schedule.nextAfter(from).orElse(null));
    }

    static SyncSchedule parseSchedule(String text) {
        try {
            return SyncSchedule.parse(text);
        } catch (IllegalArgumentException e) {
            throw SatelliteException.invalid("schedule", e.getMessage());
        }
    }

    private static void requireHttpsUrl(String url) {
        try {
            URI uri = new URI(url);
            if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
                throw SatelliteException.invalid("syncUrl", "must be an https:// URL with a host");
            }
        } catch (URISyntaxException e) {
            throw SatelliteException.invalid("syncUrl", "not a URL: " + e.getReason());
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
