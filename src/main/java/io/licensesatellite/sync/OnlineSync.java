package io.licensesatellite.sync;

import io.licensesatellite.pki.SatelliteIdentityKey;
import io.licensesatellite.platform.ErrorKind;
import io.licensesatellite.platform.SatelliteException;
import io.licensesatellite.sync.SyncRequestExport.ExportedRequest;
import io.licensesatellite.sync.SyncResponseImport.Imported;
import io.licensesatellite.sync.file.SyncFileException;
import io.licensesatellite.sync.file.SyncType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.jboss.logging.Logger;

/**
 * Sync over the network: write a request, send it through the upstream door (mutual TLS, optional proxy), import
 * the answer exactly as an uploaded file would be. On demand and on the operator's schedule; a failure that may
 * pass is retried with backoff; never two at once (the {@link SyncGate}).
 */
@ApplicationScoped
public class OnlineSync {
    private static final Logger LOG = Logger.getLogger(OnlineSync.class);
    static final String SCHEDULER = "scheduler";

    private final SyncGate gate;
    private final SyncRequestExport export;
    private final SyncResponseImport importer;
    private final SyncRepository repository;
    private final SyncSettings settings;
    private final SatelliteIdentityKey key;
    private final UpstreamChannel channel;
    private final SyncConfig config;
    private final Clock clock;
    private final RetryBackoff backoff;

    public OnlineSync(SyncGate gate, SyncRequestExport export, SyncResponseImport importer, SyncRepository repository,
                      SyncSettings settings, SatelliteIdentityKey key, UpstreamChannel channel, SyncConfig config,
                      Clock clock) {
        this.gate = gate;
        this.export = export;
        this.importer = importer;
        this.repository = repository;
        this.settings = settings;
        this.key = key;
        this.channel = channel;
        this.config = config;
        this.clock = clock;
        this.backoff = new RetryBackoff(config.retry().initialDelay(), config.retry().maxDelay(),
                config.retry().maxAttempts(), RandomGenerator.getDefault());
    }

    public record Synced(long requestSequence, SyncType type, int instancesSent, int eventsSent, Imported imported) {}

    public Synced run(SyncType type, String actor) {
        return gate.exclusively(() -> runExclusively(type, actor));
    }

    /**
     * The scheduler's entry: a retry that is due, else a scheduled run that is due. Does nothing while another sync
     * runs, or when the satellite is not bound or has no upstream URL.
     */
    public Optional<Synced> runIfDue(Instant now) {
        if (gate.running()) {
            return Optional.empty();
        }
        Optional<SyncType> due = claimDueRun(now);
        if (due.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(run(due.get(), SCHEDULER));
        } catch (SatelliteException e) {
            LOG.warnf("Scheduled online sync did not complete: %s", e.getMessage());
            return Optional.empty();
        }
    }

    @Transactional
    Optional<SyncType> claimDueRun(Instant now) {
        Optional<UpstreamBinding> binding = repository.binding();
        if (binding.isEmpty() || settings.effectiveSyncUrl().isEmpty()) {
            return Optional.empty();
        }
        SyncState state = repository.lockedState();
        if (state.nextRetryAt != null) {
            if (now.isBefore(state.nextRetryAt)) {
                return Optional.empty();
            }
            state.nextRetryAt = null;
            return Optional.of(SyncType.STANDARD);
        }
        Instant from = state.lastScheduledAt == null ? binding.get().boundAt : state.lastScheduledAt;
        Optional<Instant> next = SyncSettings.parseSchedule(state.schedule).nextAfter(from);
        if (next.isEmpty() || now.isBefore(next.get())) {
            return Optional.empty();
        }
        state.lastScheduledAt = now;
        return Optional.of(SyncType.STANDARD);
    }

    private Synced runExclusively(SyncType type, String actor) {
        Instant started = clock.instant();
        UpstreamEndpoint endpoint = endpoint();
        ExportedRequest request = export.export(type, SyncChannel.ONLINE, actor);
        byte[] answer;
        try {
            answer = channel.exchange(endpoint, request.content());
        } catch (UpstreamException e) {
            recordFailure(request, started, actor, e.getMessage(), e.retryable());
            throw new SatelliteException(e.retryable() ? ErrorKind.UPSTREAM_UNAVAILABLE : ErrorKind.UPSTREAM_REFUSED,
                    e.getMessage());
        }
        Imported imported;
        try {
            imported = importer.importResponse(answer, SyncChannel.ONLINE, actor);
        } catch (SatelliteException e) {
            recordFailure(request, started, actor, "The upstream's answer was refused: " + e.getMessage(), false);
            throw new SatelliteException(e.kind(), "The upstream's answer was refused: " + e.getMessage());
        }
        recordSuccess(request, imported, started, actor);
        return new Synced(request.sequence(), type, request.instanceCount(), request.eventCount(), imported);
    }

    @Transactional
    UpstreamEndpoint endpoint() {
        String url = settings.effectiveSyncUrl().orElseThrow(() -> new SatelliteException(ErrorKind.CONFLICT,
                "No upstream URL: the authorization file named none; set syncUrl in the sync settings"));
        return endpointFor(URI.create(url));
    }

    /**
     * The upstream door's endpoint for another URL of the bound upstream (its usage REST API): the same upstream CA,
     * identity certificate, proxy and timeouts as the sync exchange.
     */
    @Transactional
    public UpstreamEndpoint endpointFor(URI url) {
        UpstreamBinding binding = repository.binding().orElseThrow(SyncRefusals::notRegistered);
        SyncState state = repository.state();
        UpstreamEndpoint.Proxy proxy = state.proxyHost == null ? null : new UpstreamEndpoint.Proxy(state.proxyHost,
                state.proxyPort, state.proxyUsername, settings.proxyPassword().orElse(null));
        try {
            return new UpstreamEndpoint(url, UpstreamTrust.certificate(binding.upstreamCaPem, "upstream CA"),
                    key.privateKey(), UpstreamTrust.certificate(binding.satelliteCertificatePem, "satellite certificate"),
                    proxy, config.connectTimeout(), config.exchangeTimeout());
        } catch (SyncFileException e) {
            throw new IllegalStateException("Stored upstream certificates cannot be read: " + e.getMessage(), e);
        }
    }

    @Transactional
    void recordFailure(ExportedRequest request, Instant started, String actor, String detail, boolean retryable) {
        Instant now = clock.instant();
        SyncState state = repository.lockedState();
        state.consecutiveFailures++;
        state.nextRetryAt = retryable ? backoff.nextAttempt(now, state.consecutiveFailures).orElse(null) : null;
        SyncHistoryEntry entry = SyncHistory.record(repository, SyncChannel.ONLINE, SyncOperation.ONLINE_SYNC,
                request.type(), request.sequence(), SyncResult.FAILED, detail, started, now, actor);
        entry.instancesSent = request.instanceCount();
        entry.eventsSent = request.eventCount();
    }

    @Transactional
    void recordSuccess(ExportedRequest request, Imported imported, Instant started, String actor) {
        Instant now = clock.instant();
        SyncState state = repository.lockedState();
        state.consecutiveFailures = 0;
        state.nextRetryAt = null;
        SyncHistoryEntry entry = SyncHistory.record(repository, SyncChannel.ONLINE, SyncOperation.ONLINE_SYNC,
                request.type(), request.sequence(), SyncResult.SUCCEEDED,
                SyncResponseImport.summary(imported.changes(), imported.alerts(), imported.certificateRenewed()),
                started, now, actor);
        entry.instancesSent = request.instanceCount();
        entry.eventsSent = request.eventCount();
        entry.licensesReceived = imported.changes().linesReceived();
        entry.licensesChanged = imported.changes().linesTouched();
    }
}
