package io.licensesatellite.sync;

import io.licensesatellite.sync.file.SyncRequestFile;
import io.licensesatellite.sync.file.SyncResponseFile;
import java.util.List;

/**
 * What sync needs from usage reporting to carry Smart Licensing Using Policy in the sync files: the pending reports
 * and authorisation requests for a request (marked sent with its sequence), and the acknowledgements and codes of a
 * response stored. Implemented by {@code usage.upstream}; both run inside sync's transaction, so a refused response
 * leaves nothing behind.
 */
public interface SyncUsageExchange {

    record Outgoing(List<SyncRequestFile.UsageReport> reports, List<SyncRequestFile.AuthorizationRequest> requests) {}

    record Incoming(int acknowledgements, int reportsAcknowledged, int codes) {}

    /**
     * @param unansweredSequences earlier requests never answered: what they carried goes again in this one
     */
    Outgoing outgoing(long sequence, List<Long> unansweredSequences);

    Incoming apply(SyncResponseFile response, long answeredSequence);
}
