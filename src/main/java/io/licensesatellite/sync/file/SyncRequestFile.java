package io.licensesatellite.sync.file;

import java.time.Instant;
import java.util.List;

/** Satellite to upstream: what happened on the isolated network. Signed by the satellite's identity key. */
public record SyncRequestFile(Header header, Payload payload) {

    /**
     * @param acknowledgedSequence the last request the upstream answered and this satellite applied (null if none)
     */
    public record Header(
            int format, String satelliteId, String satelliteName, long sequence, SyncType type, Instant createdAt,
            Long acknowledgedSequence, String softwareVersion) {}

    /**
     * @param certificateRenewal PKCS#10 PEM asking for a renewed identity certificate, present when the current
     *                           one is inside its renewal window (null otherwise)
     * @param removedInstances   ids of instances gone since the acknowledged request (standard only)
     */
    public record Payload(
            String smartAccount, List<VirtualAccountUsage> usage, List<Instance> productInstances,
            List<String> removedInstances, List<Event> events, String certificateRenewal,
            List<UsageReport> usageReports, List<AuthorizationRequest> authorizationRequests) {

        /** A request without Smart Licensing Using Policy sections (they are optional in the file). */
        public Payload(String smartAccount, List<VirtualAccountUsage> usage, List<Instance> productInstances,
                List<String> removedInstances, List<Event> events, String certificateRenewal) {
            this(smartAccount, usage, productInstances, removedInstances, events, certificateRenewal, List.of(), List.of());
        }

        public Payload {
            usageReports = usageReports == null ? List.of() : usageReports;
            authorizationRequests = authorizationRequests == null ? List.of() : authorizationRequests;
        }
    }

    /**
     * A device's RUM report on its way up (Smart Licensing Using Policy).
     *
     * @param payload   the payload string exactly as the device signed it
     * @param signature the signature object's JSON exactly as the device wrote it
     */
    public record UsageReport(String virtualAccount, String pid, String serial, String softwareTag, long reportId,
            String payload, String signature) {}

    /** An authorisation (SLAC) request; {@code requestId} is the satellite's, echoed in the code that answers it. */
    public record AuthorizationRequest(long requestId, String virtualAccount, String pid, String serial,
            List<Entitlement> entitlements) {}

    public record Entitlement(String tag, long count) {}

    public record VirtualAccountUsage(String virtualAccount, List<TagUsage> tags) {}

    /** @param overdrawn the part of {@code inUse} no licence covers (out of compliance) */
    public record TagUsage(String tag, int purchased, int inUse, int overdrawn) {}

    public record Instance(
            String id, String pid, String serial, String uuid, String hostname, String virtualAccount, String state,
            boolean exportControlled, String idCertificateSerial, Instant idCertificateNotAfter, Instant registeredAt,
            Instant lastContactAt, Instant authorizationExpiresAt, List<LicenseInUse> licenses) {}

    public record LicenseInUse(String tag, int count, boolean covered) {}

    public record Event(long id, Instant occurredAt, String instanceId, String udi, String virtualAccount, String type,
            String detail) {}
}
