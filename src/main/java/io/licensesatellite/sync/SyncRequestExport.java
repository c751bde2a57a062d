package io.licensesatellite.sync;

import io.licensesatellite.accounts.UpstreamLicenses;
import io.licensesatellite.devices.InstanceExport;
import io.licensesatellite.devices.InstanceExport.ExportedEvent;
import io.licensesatellite.devices.InstanceExport.ExportedInstance;
import io.licensesatellite.pki.SatelliteIdentityKey;
import io.licensesatellite.sync.file.SyncFileException;
import io.licensesatellite.sync.file.SyncFiles;
import io.licensesatellite.sync.file.SyncRequestFile;
import io.licensesatellite.sync.file.SyncType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes a signed request file. Standard carries the events since the last acknowledged request and the current
 * state of the instances they touched (and which of those are gone); full carries every instance. Both carry usage
 * per VA and tag, and a certificate renewal request when the identity certificate is due. The request is recorded
 * (sequence, digest, the events it covers) in the same transaction, so a response can be matched to it later.
 */
@ApplicationScoped
public class SyncRequestExport {
    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(SyncRequestExport.class);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");
    /** How many unanswered earlier requests are looked at for usage to send again. */
    static final int UNANSWERED_RESENT = 100;

    private final SatelliteIdentity identity;
    private final SatelliteIdentityKey key;
    private final SyncFiles files;
    private final SyncRepository repository;
    private final InstanceExport instances;
    private final UpstreamLicenses licenses;
    private final SyncConfig config;
    private final SyncUsageExchange usageExchange;
    private final Clock clock;

    public SyncRequestExport(SatelliteIdentity identity, SatelliteIdentityKey key, SyncFiles files,
                             SyncRepository repository, InstanceExport instances, UpstreamLicenses licenses,
                             SyncConfig config, SyncUsageExchange usageExchange, Clock clock) {
        this.usageExchange = usageExchange;
        this.identity = identity;
        this.key = key;
        this.files = files;
        this.repository = repository;
        this.instances = instances;
        this.licenses = licenses;
        this.config = config;
        this.clock = clock;
    }

    public record ExportedRequest(String fileName, byte[] content, long sequence, SyncType type, int instanceCount,
                                  int removedCount, int eventCount, boolean certificateRenewalRequested) {}

    /** Call inside the sync gate; records a history entry for file exports (online sync records its own). */
    @Transactional
    public ExportedRequest export(SyncType type, SyncChannel channel, String actor) {
        long startedNanos = System.nanoTime();
        UpstreamBinding binding = repository.binding().orElseThrow(SyncRefusals::notRegistered);
        SyncState state = repository.lockedState();
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        long sequence = repository.lastSequence() + 1;
        long watermark = instances.highestEventId();
        List<ExportedEvent> events = instances.events(state.acknowledgedWatermark, watermark);
        Map<Long, String> vaNames = licenses.accountNames();

        List<ExportedInstance> rows;
        List<String> removed = List.of();
        if (type == SyncType.FULL) {
            rows = instances.all();
        } else {
            Set<String> touched = new LinkedHashSet<>();
            events.forEach(e -> touched.add(e.instanceId()));
            rows = instances.existing(touched);
            Set<String> present = new HashSet<>();
            rows.forEach(r -> present.add(r.id()));
            List<String> gone = new ArrayList<>();
            touched.stream().filter(id -> !present.contains(id)).forEach(gone::add);
            removed = gone;
        }
        var held = licenses.heldByInstance(type == SyncType.FULL ? null : rows.stream().map(ExportedInstance::id).toList());
        List<SyncRequestFile.Instance> instanceRecords = new ArrayList<>(rows.size());
        for (ExportedInstance r : rows) {
            List<SyncRequestFile.LicenseInUse> inUse = held.getOrDefault(r.id(), List.of()).stream()
                    .map(h -> new SyncRequestFile.LicenseInUse(h.tag(), h.count(), h.covered())).toList();
            instanceRecords.add(new SyncRequestFile.Instance(r.id(), r.pid(), r.serial(), r.uuid(), r.hostname(),
                    vaNames.get(r.virtualAccountId()), r.state(), r.exportControlled(), r.idCertSerial(),
                    seconds(r.idCertNotAfter()), seconds(r.registeredAt()), seconds(r.lastContactAt()),
                    seconds(r.authorizationExpiresAt()), inUse));
        }
        List<SyncRequestFile.Event> eventRecords = new ArrayList<>(events.size());
        for (ExportedEvent e : events) {
            eventRecords.add(new SyncRequestFile.Event(e.id(), seconds(e.occurredAt()), e.instanceId(), e.udi(),
                    e.virtualAccountId() == null ? null : vaNames.get(e.virtualAccountId()), e.type(), e.detail()));
        }
        List<SyncRequestFile.VirtualAccountUsage> usage = licenses.usage().stream()
                .map(a -> new SyncRequestFile.VirtualAccountUsage(a.virtualAccount(), a.tags().stream()
                        .map(t -> new SyncRequestFile.TagUsage(t.tag(), t.purchased(), t.inUse(), t.overdrawn())).toList()))
                .toList();
        boolean renew = binding.satelliteCertificateNotAfter.minus(config.certificateRenewBefore()).isBefore(now);
        String id = identity.id();
        // Usage goes in both kinds of request: the reports still pending, and those of earlier requests never answered.
        List<Long> unanswered = new ArrayList<>();
        long from = state.acknowledgedSequence == null ? 1 : state.acknowledgedSequence + 1;
        for (long s = Math.max(from, sequence - UNANSWERED_RESENT); s < sequence; s++) {
            unanswered.add(s);
        }
        SyncUsageExchange.Outgoing usageUp = usageExchange.outgoing(sequence, unanswered);
        SyncRequestFile file = new SyncRequestFile(
                new SyncRequestFile.Header(SatelliteRegistration.FORMAT, id, identity.name(), sequence, type, now,
                        state.acknowledgedSequence, SoftwareVersion.current()),
                new SyncRequestFile.Payload(binding.smartAccount, usage, instanceRecords, removed, eventRecords,
                        renew ? key.csrPem(id) : null, usageUp.reports(), usageUp.requests()));
        long readNanos = System.nanoTime();
        byte[] content;
        try {
            content = files.writeRequest(file, key.privateKey(),
                    UpstreamTrust.certificate(binding.satelliteCertificatePem, "the satellite certificate"));
        } catch (SyncFileException e) {
            throw new IllegalStateException("The stored satellite certificate cannot be read: " + e.getMessage(), e);
        }
        SentRequest sent = new SentRequest();
        sent.sequence = sequence;
        sent.type = type;
        sent.channel = channel;
        sent.digest = UpstreamTrust.sha256(content);
        sent.eventWatermark = watermark;
        sent.instanceCount = instanceRecords.size();
        sent.eventCount = eventRecords.size();
        sent.createdAt = now;
        sent.createdBy = actor;
        repository.persistRequest(sent);
        if (channel == SyncChannel.FILE) {
            SyncHistoryEntry entry = SyncHistory.record(repository, channel, SyncOperation.REQUEST_EXPORTED, type,
                    sequence, SyncResult.SUCCEEDED, null, now, clock.instant(), actor);
            entry.instancesSent = instanceRecords.size();
            entry.eventsSent = eventRecords.size();
        }
        LOG.infof("Sync request %d (%s) written: %d instance(s), %d event(s), %d bytes; read %d ms, written and signed %d ms",
                sequence, type, instanceRecords.size(), eventRecords.size(), content.length,
                (readNanos - startedNanos) / 1_000_000, (System.nanoTime() - readNanos) / 1_000_000);
        String fileName = "license-sync-request-" + identity.fileNamePart() + "_"
                + DAY.format(LocalDate.ofInstant(now, ZoneOffset.UTC)) + "-" + sequence + ".yml";
        return new ExportedRequest(fileName, content, sequence, type, instanceRecords.size(), removed.size(),
                eventRecords.size(), renew);
    }

    private static Instant seconds(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.SECONDS);
    }
}
