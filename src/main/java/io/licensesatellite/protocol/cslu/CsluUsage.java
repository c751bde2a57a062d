package io.licensesatellite.protocol.cslu;

import io.licensesatellite.usage.AckFile;
import io.licensesatellite.usage.AuthorizationRequests;
import io.licensesatellite.usage.DeviceId;
import io.licensesatellite.usage.IngestOutcome;
import io.licensesatellite.usage.IngestSource;
import io.licensesatellite.usage.RumInput;
import io.licensesatellite.usage.RumReader;
import io.licensesatellite.usage.UsageAcknowledgements.PollState;
import java.util.List;
import java.util.Optional;

/** What the push door needs from the usage feature: a few calls, so the door can be tested without storage. */
public interface CsluUsage {
    RumReader reader();

    List<IngestOutcome> ingest(IngestSource source, List<RumInput> reports);

    /** The poll's state, or Unknown when the poll id is not the device's. */
    PollState poll(long pollId, DeviceId device);

    List<AuthorizationRequests.RequestView> undeliveredCodes(DeviceId device);

    /** The acknowledgements and codes were handed to the device in a poll reply. */
    void delivered(List<AckFile> acks, List<AuthorizationRequests.RequestView> codes);

    /** Stores the requests in the tenant's VA; empty when the tenant names no VA. */
    Optional<List<Long>> recordAuthorizationRequests(String tenant, List<AuthorizationRequests.NewRequest> requests, String peer);
}
