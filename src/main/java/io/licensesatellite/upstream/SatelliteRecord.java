package io.licensesatellite.upstream;

import io.licensesatellite.sync.file.SyncRequestFile.Event;
import io.licensesatellite.sync.file.SyncRequestFile.Instance;
import io.licensesatellite.sync.file.SyncRequestFile.VirtualAccountUsage;
import io.licensesatellite.sync.file.SyncType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the emulator keeps about one registered satellite ({@code satellites/<id>.json}).
 *
 * @param registrations     how many times it registered (a new registration supersedes earlier certificates)
 * @param certificates      identity certificates issued since the last registration, oldest first; the last is current
 * @param answered          requests answered since the last registration, oldest first, at most
 *                          {@link #ANSWERED_KEPT}; the base of the next standard response's licence delta
 * @param requestsAnswered  every answer given, repeated ones included
 * @param report            what the newest request reported (null before the first sync)
 */
public record SatelliteRecord(
        String id, String name, String softwareVersion, String smartAccount, List<String> virtualAccounts,
        Instant registeredAt, int registrations, List<IssuedCertificate> certificates, List<AnsweredRequest> answered,
        long requestsAnswered, Report report) {

    /** Older answers are forgotten: a satellite acknowledging one of them gets a complete response. */
    public static final int ANSWERED_KEPT = 100;

    public SatelliteRecord {
        virtualAccounts = List.copyOf(virtualAccounts);
        certificates = List.copyOf(certificates);
        answered = List.copyOf(answered);
    }

    public IssuedCertificate currentCertificate() {
        return certificates.get(certificates.size() - 1);
    }

    public Optional<IssuedCertificate> certificate(String serialHex) {
        return certificates.stream().filter(c -> c.serial().equalsIgnoreCase(serialHex)).findFirst();
    }

    public Optional<AnsweredRequest> answered(long sequence) {
        return answered.stream().filter(a -> a.sequence() == sequence).findFirst();
    }

    /**
     * @param serial hex
     * @param reason {@code REGISTRATION} or {@code RENEWAL}
     */
    public record IssuedCertificate(String serial, Instant issuedAt, Instant notAfter, String reason, String pem) {}

    /**
     * One answered request.
     *
     * @param virtualAccountsSent the VAs the response carried
     * @param licenseDigests      per VA assigned, the digest of its licences as the satellite holds them once it has
     *                            applied this response (every VA, not only those sent)
     * @param renewedCertificateSerial the certificate the response carried, if any (answered again: the same one)
     */
    public record AnsweredRequest(long sequence, String requestDigest, SyncType type, Instant answeredAt, boolean complete,
            List<String> virtualAccountsSent, Map<String, String> licenseDigests, String renewedCertificateSerial) {}

    /**
     * The newest report. Instances are upserted by a standard request and replaced by a full one; events are
     * appended (each event id once) and the last {@link #EVENTS_KEPT} kept.
     *
     * @param eventsReceived distinct events received since registration
     */
    public record Report(long sequence, SyncType type, Instant receivedAt, Instant createdAt, String softwareVersion,
            List<VirtualAccountUsage> usage, List<Instance> instances, List<Event> recentEvents, long eventsReceived) {
        public static final int EVENTS_KEPT = 1000;
    }
}
