package io.licensesatellite.sync;

import io.licensesatellite.accounts.LicenseType;
import io.licensesatellite.accounts.UpstreamLicenses;
import io.licensesatellite.accounts.VirtualAccounts;
import io.licensesatellite.pki.SatelliteIdentityKey;
import io.licensesatellite.platform.ErrorKind;
import io.licensesatellite.platform.SatelliteException;
import io.licensesatellite.sync.file.SyncFileException;
import io.licensesatellite.sync.file.SyncFiles;
import io.licensesatellite.sync.file.SyncResponseFile;
import io.licensesatellite.sync.file.SyncType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Imports a response: the reader's checks (size, signature by the bound upstream, safe YAML, model), then
 * satellite id and sequence (no replay, no rollback, no answer to a request never sent), then everything in one
 * transaction: licences, alerts, a renewed certificate, the acknowledged sequence. A refusal writes nothing.
 */
@ApplicationScoped
public class SyncResponseImport {
    private final SatelliteIdentity identity;
    private final SatelliteIdentityKey key;
    private final SyncFiles files;
    private final SyncRepository repository;
    private final UpstreamLicenses licenses;
    private final VirtualAccounts accounts;
    private final SyncUsageExchange usageExchange;
    private final Clock clock;

    public SyncResponseImport(SatelliteIdentity identity, SatelliteIdentityKey key, SyncFiles files,
                              SyncRepository repository, UpstreamLicenses licenses, VirtualAccounts accounts,
                              SyncUsageExchange usageExchange, Clock clock) {
        this.usageExchange = usageExchange;
        this.identity = identity;
        this.key = key;
        this.files = files;
        this.repository = repository;
        this.licenses = licenses;
        this.accounts = accounts;
        this.clock = clock;
    }

    /** What the import changed, for the operator. */
    public record Imported(long requestSequence, SyncType type, String upstreamName, int virtualAccounts,
                           UpstreamLicenses.Changes changes, int alerts, boolean certificateRenewed,
                           Instant certificateNotAfter) {}

    /** Call inside the sync gate; records a history entry for file imports (online sync records its own). */
    @Transactional
    public Imported importResponse(byte[] raw, SyncChannel channel, String actor) {
        Instant started = clock.instant();
        UpstreamBinding binding = repository.binding().orElseThrow(SyncRefusals::notRegistered);
        SyncFiles.Signed<SyncResponseFile> signed;
        X509Certificate renewed = null;
        try {
            X509Certificate ca = UpstreamTrust.certificate(binding.upstreamCaPem, "the bound upstream's CA");
            signed = files.readResponse(raw, signer -> UpstreamTrust.requireIssuedBy(signer, ca, started,
                    "The response's signer"));
            SyncResponseFile file = signed.file();
            if (file.renewedCertificatePem() != null) {
                renewed = UpstreamTrust.certificate(file.renewedCertificatePem(), "renewed_certificate");
                UpstreamTrust.requireIssuedBy(renewed, ca, started, "The renewed satellite certificate");
            }
        } catch (SyncFileException e) {
            throw SyncRefusals.of(e);
        }
        SyncResponseFile file = signed.file();
        SyncResponseFile.Header header = file.header();
        String ours = identity.id();
        if (!header.satelliteId().equals(ours)) {
            throw new SatelliteException(ErrorKind.SYNC_FILE_OTHER_SATELLITE, "This response is for satellite "
                    + header.satelliteId() + "; this satellite is " + ours + " (" + identity.name() + ")");
        }
        if (renewed != null && !key.isCertified(renewed)) {
            throw new SatelliteException(ErrorKind.SYNC_FILE_INVALID,
                    "renewed_certificate: not a certificate for this satellite's key");
        }
        // Locked before the sequence checks so two imports can never both pass them.
        SyncState state = repository.lockedState();
        long answered = header.inReplyToSequence();
        Long acknowledged = state.acknowledgedSequence;
        if (acknowledged != null && answered == acknowledged) {
            throw new SatelliteException(ErrorKind.SYNC_RESPONSE_REPLAYED, "This response answers request " + answered
                    + ", whose response was already imported" + (state.lastSyncDownAt == null ? "" : " on " + state.lastSyncDownAt)
                    + "; nothing changed");
        }
        if (acknowledged != null && answered < acknowledged) {
            throw new SatelliteException(ErrorKind.SYNC_RESPONSE_ROLLED_BACK, "This response answers request " + answered
                    + ", but the response to the newer request " + acknowledged
                    + " is already imported; importing it would roll licences back");
        }
        SentRequest request = repository.request(answered).orElseThrow(() -> new SatelliteException(
                ErrorKind.SYNC_RESPONSE_UNKNOWN_REQUEST, "This response answers request " + answered
                + ", which this satellite never sent (its last request is " + repository.lastSequence() + ")"));
        if (!request.digest.equals(header.requestDigest())) {
            throw new SatelliteException(ErrorKind.SYNC_RESPONSE_UNKNOWN_REQUEST, "This response answers a request "
                    + answered + " with other contents than the one this satellite wrote");
        }

        Instant now = clock.instant();
        List<UpstreamLicenses.AccountLicenses> incoming = new ArrayList<>();
        for (SyncResponseFile.VirtualAccountLicenses va : file.licenses().virtualAccounts()) {
            incoming.add(new UpstreamLicenses.AccountLicenses(va.name(), va.description(), va.licenses().stream()
                    .map(l -> new UpstreamLicenses.Line(l.tag(), l.displayName(), l.quantity(), LicenseType.valueOf(l.type()),
                            l.endDate(), l.higherTierTag()))
                    .toList()));
        }
        if (header.smartAccount() != null) {
            accounts.nameSmartAccount(header.smartAccount());
            binding.smartAccount = header.smartAccount();
        }
        UpstreamLicenses.Changes changes = licenses.apply(incoming, file.licenses().complete());
        usageExchange.apply(file, answered);
        List<UpstreamAlert> alerts = new ArrayList<>();
        for (SyncResponseFile.Alert a : file.alerts()) {
            UpstreamAlert alert = new UpstreamAlert();
            alert.severity = a.severity();
            alert.code = a.code();
            alert.message = a.message();
            alert.receivedAt = now;
            alerts.add(alert);
        }
        repository.replaceAlerts(alerts);
        if (renewed != null) {
            binding.satelliteCertificatePem = file.renewedCertificatePem();
            binding.satelliteCertificateNotAfter = renewed.getNotAfter().toInstant();
        }
        state.acknowledgedSequence = answered;
        state.acknowledgedWatermark = Math.max(state.acknowledgedWatermark, request.eventWatermark);
        state.lastSyncDownAt = now;
        state.lastSyncUpAt = request.createdAt;
        request.answeredAt = now;
        if (channel == SyncChannel.FILE) {
            SyncHistoryEntry entry = SyncHistory.record(repository, channel, SyncOperation.RESPONSE_IMPORTED, header.type(),
                    answered, SyncResult.SUCCEEDED, summary(changes, alerts.size(), renewed != null), started, now, actor);
            entry.licensesReceived = changes.linesReceived();
            entry.licensesChanged = changes.linesTouched();
        }
        return new Imported(answered, header.type(), header.upstreamName(), incoming.size(), changes, alerts.size(),
                renewed != null, binding.satelliteCertificateNotAfter);
    }

    static String summary(UpstreamLicenses.Changes changes, int alerts, boolean renewed) {
        return changes.linesReceived() + " licence line(s) received: " + changes.linesAdded() + " added, "
                + changes.linesChanged() + " changed, " + changes.linesRemoved() + " removed"
                + (changes.virtualAccountsCreated() > 0 ? ", " + changes.virtualAccountsCreated() + " Virtual Account(s) created" : "")
                + "; " + alerts + " alert(s)" + (renewed ? "; satellite certificate renewed" : "");
    }
}
