package io.licensesatellite.sync;

import io.licensesatellite.accounts.VirtualAccounts;
import io.licensesatellite.pki.SatelliteKeys;
import io.licensesatellite.platform.PageRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Where synchronisation stands, per account: last sync up and down, when the next is due, and the alerts an
 * operator must see (due soon or passed, certificates near expiry, online sync failing, the upstream's own).
 */
@ApplicationScoped
public class SyncOverview {
    private static final Duration SIGNER_WARNING = Duration.ofDays(30);

    private final SatelliteIdentity identity;
    private final SyncRepository repository;
    private final SyncSettings settings;
    private final SyncGate gate;
    private final VirtualAccounts accounts;
    private final SatelliteKeys keys;
    private final SyncConfig config;
    private final Clock clock;

    public SyncOverview(SatelliteIdentity identity, SyncRepository repository, SyncSettings settings, SyncGate gate,
                        VirtualAccounts accounts, SatelliteKeys keys, SyncConfig config, Clock clock) {
        this.identity = identity;
        this.repository = repository;
        this.settings = settings;
        this.gate = gate;
        this.accounts = accounts;
        this.keys = keys;
        this.config = config;
        this.clock = clock;
    }

    public record Upstream(String name, String smartAccount, List<String> virtualAccounts, Instant certificateNotAfter,
                           Instant boundAt, String boundBy) {}

    /** @param source SATELLITE (computed here) or UPSTREAM (sent with the last response) */
    public record Alert(String severity, String code, String message, String source) {}

    public record Status(String satelliteId, String satelliteName, boolean registered, Upstream upstream,
                         Instant lastSyncUpAt, Instant lastSyncDownAt, Instant synchronizationDue,
                         Long acknowledgedSequence, long lastRequestSequence, boolean running,
                         SyncSettings.SettingsView settings, int consecutiveFailures, Instant nextRetryAt,
                         List<Alert> alerts) {}

    @Transactional
    public Status status() {
        Instant now = clock.instant();
        SyncState state = repository.state();
        UpstreamBinding binding = repository.binding().orElse(null);
        Upstream upstream = binding == null ? null : new Upstream(binding.upstreamName, binding.smartAccount,
                accounts.list().stream().filter(va -> va.upstreamManaged()).map(va -> va.name()).sorted().toList(),
                binding.satelliteCertificateNotAfter, binding.boundAt, binding.boundBy);
        Instant due = due(state, binding);
        return new Status(identity.id(), identity.name(), binding != null, upstream, state.lastSyncUpAt,
                state.lastSyncDownAt, due, state.acknowledgedSequence, repository.lastSequence(), gate.running(),
                settings.view(), state.consecutiveFailures, state.nextRetryAt, alerts(now, state, binding, due));
    }

    @Transactional
    public List<Alert> alerts() {
        SyncState state = repository.state();
        UpstreamBinding binding = repository.binding().orElse(null);
        return alerts(clock.instant(), state, binding, due(state, binding));
    }

    /** Last sync down (or the binding, before the first) plus the configured interval; null while unbound. */
    private Instant due(SyncState state, UpstreamBinding binding) {
        return binding == null ? null
                : (state.lastSyncDownAt == null ? binding.boundAt : state.lastSyncDownAt).plus(config.dueAfter());
    }

    @Transactional
    public List<SyncHistoryEntry> history(PageRequest request) {
        return repository.history(request.descending(), request.offset(), request.size());
    }

    /** What the dashboard shows of sync: bound or not, last sync down, when the next is due, whether it is late. */
    public record Summary(boolean registered, Instant lastSyncDown, Instant dueAt, boolean overdue) {}

    @Transactional
    public Summary summary() {
        SyncState state = repository.state();
        UpstreamBinding binding = repository.binding().orElse(null);
        Instant due = due(state, binding);
        return new Summary(binding != null, state.lastSyncDownAt, due, due != null && !clock.instant().isBefore(due));
    }

    /** The satellite's certificate from the upstream, PEM, once bound. */
    @Transactional
    public java.util.Optional<String> satelliteCertificatePem() {
        return repository.binding().map(b -> b.satelliteCertificatePem);
    }

    @Transactional
    public long historyCount() {
        return repository.count();
    }

    private List<Alert> alerts(Instant now, SyncState state, UpstreamBinding binding, Instant due) {
        List<Alert> alerts = new ArrayList<>();
        if (binding == null) {
            alerts.add(new Alert("WARNING", "NOT_REGISTERED", "The satellite is not registered with an upstream: devices"
                    + " can register, but no licences come down and no usage goes up", "SATELLITE"));
        } else {
            if (!now.isBefore(due)) {
                alerts.add(new Alert("CRITICAL", "SYNC_OVERDUE", "Synchronisation was due on " + due
                        + (state.lastSyncDownAt == null ? "; the satellite has never synchronised" : ""), "SATELLITE"));
            } else if (!now.isBefore(due.minus(config.dueWarning()))) {
                alerts.add(new Alert("WARNING", "SYNC_DUE_SOON", "Synchronisation is due on " + due, "SATELLITE"));
            }
            Instant certificateEnd = binding.satelliteCertificateNotAfter;
            if (!now.isBefore(certificateEnd)) {
                alerts.add(new Alert("CRITICAL", "SATELLITE_CERTIFICATE_EXPIRED", "The satellite's certificate from the"
                        + " upstream expired on " + certificateEnd + "; register the satellite again", "SATELLITE"));
            } else if (!now.isBefore(certificateEnd.minus(config.certificateWarning()))) {
                alerts.add(new Alert("WARNING", "SATELLITE_CERTIFICATE_EXPIRING", "The satellite's certificate from the"
                        + " upstream expires on " + certificateEnd + "; synchronise to renew it", "SATELLITE"));
            }
        }
        if (!now.isBefore(keys.signerNotAfter().minus(SIGNER_WARNING))) {
            alerts.add(new Alert("WARNING", "DEVICE_SIGNER_EXPIRING", "The certificate that signs answers to devices"
                    + " expires on " + keys.signerNotAfter() + " and has not been rotated", "SATELLITE"));
        }
        if (state.consecutiveFailures > 0) {
            alerts.add(new Alert("WARNING", "ONLINE_SYNC_FAILING", "Online synchronisation failed "
                    + state.consecutiveFailures + " time(s) in a row" + (state.nextRetryAt == null
                    ? "; it will try again at the next scheduled run" : "; next attempt at " + state.nextRetryAt), "SATELLITE"));
        }
        for (UpstreamAlert alert : repository.alerts()) {
            alerts.add(new Alert(alert.severity, alert.code, alert.message, "UPSTREAM"));
        }
        return alerts;
    }
}
