package io.licensesatellite.sync.file;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Upstream to satellite: the answer to one request. Signed by the upstream's signer. */
public record SyncResponseFile(Header header, Licenses licenses, List<Alert> alerts, String renewedCertificatePem,
        List<UsageAcknowledgement> usageAcknowledgements, List<AuthorizationCode> authorizationCodes) {

    /** A response without Smart Licensing Using Policy sections (they are optional in the file). */
    public SyncResponseFile(Header header, Licenses licenses, List<Alert> alerts, String renewedCertificatePem) {
        this(header, licenses, alerts, renewedCertificatePem, List.of(), List.of());
    }

    public SyncResponseFile {
        usageAcknowledgements = usageAcknowledgements == null ? List.of() : usageAcknowledgements;
        authorizationCodes = authorizationCodes == null ? List.of() : authorizationCodes;
    }

    /** @param document base64 of the upstream's acknowledgement document, to be stored byte-exact */
    public record UsageAcknowledgement(String pid, String serial, List<Long> reportIds, String document) {}

    /**
     * @param status   SUCCESS or FAILED
     * @param document base64 of the code document; null when refused
     * @param message  why it was refused, or null
     */
    public record AuthorizationCode(long requestId, String pid, String serial, String status, String document, String message) {}

    /**
     * @param inReplyToSequence the request this answers (its sequence) ...
     * @param requestDigest     ... and the SHA-256 (hex) of that request file's exact bytes
     */
    public record Header(
            int format, String satelliteId, String upstreamName, long inReplyToSequence, String requestDigest,
            SyncType type, Instant createdAt, String smartAccount) {}

    /**
     * @param complete true: these are all the VAs assigned to the satellite (a VA not listed has no upstream licences
     *                 any more); false: only VAs whose licences changed since the acknowledged response
     */
    public record Licenses(boolean complete, List<VirtualAccountLicenses> virtualAccounts) {}

    public record VirtualAccountLicenses(String name, String description, List<LicenseLine> licenses) {}

    /**
     * One line per VA and tag.
     *
     * @param type         PERPETUAL or TERM
     * @param endDate      last day a TERM licence counts (inclusive); null for PERPETUAL
     * @param higherTierTag the tag that may stand in when this one runs short (hierarchy), or null
     */
    public record LicenseLine(
            String tag, String displayName, int quantity, String type, LocalDate endDate, String higherTierTag) {}

    /** @param severity INFO, WARNING or CRITICAL */
    public record Alert(String severity, String code, String message) {}
}
