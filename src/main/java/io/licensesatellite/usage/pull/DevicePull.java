package io.licensesatellite.usage.pull;

import io.licensesatellite.platform.ErrorKind;
import io.licensesatellite.platform.SatelliteException;
import io.licensesatellite.platform.SealedSecrets;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Pulls devices now (one, on the operator's request) or when due (every enabled device whose interval passed).
 * Reading the devices and recording the outcomes are short transactions of their own; the network exchanges run
 * between them, never inside one. A device already being pulled is left to that pull.
 */
@ApplicationScoped
public class DevicePull {
    private final PullDeviceRepository repository;
    private final SealedSecrets secrets;
    private final DeviceUsageChannel channel;
    private final PulledReportsSink sink;
    private final AckSource acks;
    private final PullConfig config;
    private final Clock clock;
    private final Set<Long> inProgress = ConcurrentHashMap.newKeySet();

    public DevicePull(PullDeviceRepository repository, SealedSecrets secrets, DeviceUsageChannel channel,
                      PulledReportsSink sink, AckSource acks, PullConfig config, Clock clock) {
        this.repository = repository;
        this.secrets = secrets;
        this.channel = channel;
        this.sink = sink;
        this.acks = acks;
        this.config = config;
        this.clock = clock;
    }

    /** Pulls one device now, whether due or not. */
    public PullOutcome pullNow(long id) {
        Loaded loaded = QuarkusTransaction.requiringNew().call(() -> {
            PullDevice device = repository.findById(id);
            if (device == null) {
                throw SatelliteException.notFound("No pulled device " + id);
            }
            if (!device.enabled) {
                throw new SatelliteException(ErrorKind.PULL_DEVICE_DISABLED, "Device " + id + " at " + device.address
                        + " is disabled for pull; enable it first");
            }
            return new Loaded(target(device), device.udi);
        });
        if (!inProgress.add(id)) {
            throw new SatelliteException(ErrorKind.CONFLICT, "Device " + id + " is being pulled right now");
        }
        try {
            return record(puller().pull(loaded.target(), loaded.udi()));
        } finally {
            inProgress.remove(id);
        }
    }

    /** Pulls every enabled device whose last pull is at least the interval old, at most {@code concurrency} at once. */
    public PullSummary pullDue(Instant now) {
        List<Loaded> due = QuarkusTransaction.requiringNew().call(() -> repository.due(now.minus(config.interval()))
                .stream().map(d -> new Loaded(target(d), d.udi)).toList());
        List<Loaded> mine = due.stream().filter(l -> inProgress.add(l.target().deviceId())).toList();
        if (mine.isEmpty()) {
            return PullSummary.of(List.of());
        }
        Map<Long, String> udis = mine.stream().filter(l -> l.udi() != null)
                .collect(Collectors.toMap(l -> l.target().deviceId(), Loaded::udi));
        DevicePuller puller = puller();
        try {
            List<PullOutcome> outcomes = PullRun.run(mine.stream().map(Loaded::target).toList(), config.concurrency(),
                    target -> record(puller.pull(target, udis.get(target.deviceId()))));
            return PullSummary.of(outcomes);
        } finally {
            mine.forEach(l -> inProgress.remove(l.target().deviceId()));
        }
    }

    private DevicePuller puller() {
        return new DevicePuller(channel, sink, acks, clock);
    }

    private PullTarget target(PullDevice d) {
        return new PullTarget(d.id, d.address, d.port, "https".equals(d.scheme), d.username, secrets.open(d.passwordSealed),
                d.tlsMode, d.pinnedSha256, d.caPem, d.virtualAccountId);
    }

    /** Writes the outcome on the device's row, unless the operator removed the device meanwhile. */
    private PullOutcome record(PullOutcome outcome) {
        QuarkusTransaction.requiringNew().run(() -> {
            PullDevice device = repository.findById(outcome.deviceId());
            if (device == null) {
                return;
            }
            device.lastPulledAt = outcome.pulledAt();
            device.lastResult = outcome.result();
            device.lastError = outcome.error();
            device.reportsFetched = outcome.reportsFetched();
            device.reportsStored = outcome.reportsStored();
            device.acksImported = outcome.acksImported();
            device.consecutiveFailures = outcome.result().failed() ? device.consecutiveFailures + 1 : 0;
            if (outcome.udi() != null) {
                device.udi = outcome.udi();
            }
            // Trust on first use: the first fingerprint seen over a completed handshake becomes the pin.
            if (device.tlsMode == TlsVerification.PINNED && device.pinnedSha256 == null && outcome.fingerprint() != null
                    && outcome.result() != PullResult.TLS_FAILED) {
                device.pinnedSha256 = outcome.fingerprint();
            }
        });
        return outcome;
    }

    private record Loaded(PullTarget target, String udi) {}
}
