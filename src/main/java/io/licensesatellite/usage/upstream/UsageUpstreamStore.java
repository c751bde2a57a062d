package io.licensesatellite.usage.upstream;

import io.licensesatellite.sync.file.slp.Sudi;
import java.util.Collection;
import java.util.List;

/**
 * What sending usage upstream needs from the usage store (reports kept byte-exact, acknowledgements, authorisation
 * requests and codes): a narrow door onto the {@code usage} feature's services, so this feature never touches its
 * tables. Every method joins the caller's transaction.
 */
public interface UsageUpstreamStore {

    /** A report on its way up: the payload text and the signature object exactly as the device signed them. */
    record OutgoingReport(long id, Sudi sudi, String virtualAccount, long reportId, String softwareTag, String payload,
            String signatureJson) {}

    record Entitlement(String tag, long count) {}

    /** An authorisation (SLAC) request on its way up. */
    record OutgoingAuthorizationRequest(long id, Sudi sudi, String virtualAccount, List<Entitlement> entitlements) {}

    /** Pending reports, each VA's and device's together. */
    List<OutgoingReport> pendingReports(int limit);

    void markReportsSent(Collection<Long> ids, String correlation);

    int resetReportsToPending(String correlation);

    /**
     * Stores the acknowledgement byte-exact and marks the reports acknowledged.
     *
     * @return the acknowledged report ids this satellite does not hold for the device (the caller refuses those)
     */
    List<Long> recordAcknowledgement(Sudi sudi, byte[] ackDocument, List<Long> reportIds, byte[] policy, String from);

    List<OutgoingAuthorizationRequest> pendingAuthorizationRequests(int limit);

    void markAuthorizationRequestsSent(Collection<Long> ids, String correlation);

    int resetAuthorizationRequestsToPending(String correlation);

    /** Stores the upstream's code for the request byte-exact. */
    void recordAuthorizationCode(long requestId, byte[] code);
}
