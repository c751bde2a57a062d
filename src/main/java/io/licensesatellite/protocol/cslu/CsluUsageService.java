package io.licensesatellite.protocol.cslu;

import io.licensesatellite.usage.AckFile;
import io.licensesatellite.usage.AuthorizationRequests;
import io.licensesatellite.usage.DeliveryPath;
import io.licensesatellite.usage.DeviceId;
import io.licensesatellite.usage.IngestOutcome;
import io.licensesatellite.usage.IngestSource;
import io.licensesatellite.usage.ReportSource;
import io.licensesatellite.usage.RumInput;
import io.licensesatellite.usage.RumReader;
import io.licensesatellite.usage.UsageAccounts;
import io.licensesatellite.usage.UsageAcknowledgements;
import io.licensesatellite.usage.UsageAcknowledgements.PollState;
import io.licensesatellite.usage.UsageIngest;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@link CsluUsage} on the usage services. */
@ApplicationScoped
public class CsluUsageService implements CsluUsage {
    private final UsageIngest ingest;
    private final UsageAcknowledgements acknowledgements;
    private final AuthorizationRequests authorizations;
    private final UsageAccounts accounts;

    public CsluUsageService(UsageIngest ingest, UsageAcknowledgements acknowledgements,
                            AuthorizationRequests authorizations, UsageAccounts accounts) {
        this.ingest = ingest;
        this.acknowledgements = acknowledgements;
        this.authorizations = authorizations;
        this.accounts = accounts;
    }

    @Override
    public RumReader reader() {
        return ingest.reader();
    }

    @Override
    public List<IngestOutcome> ingest(IngestSource source, List<RumInput> reports) {
        return ingest.ingest(source, reports);
    }

    @Override
    public PollState poll(long pollId, DeviceId device) {
        PollState state = acknowledgements.poll(pollId);
        DeviceId of = state instanceof PollState.Waiting w ? w.device()
                : state instanceof PollState.Complete c ? c.acks().get(0).device() : null;
        return device.equals(of) ? state : new PollState.Unknown();
    }

    @Override
    public List<AuthorizationRequests.RequestView> undeliveredCodes(DeviceId device) {
        return authorizations.undeliveredCodes(device);
    }

    @Override
    public void delivered(List<AckFile> acks, List<AuthorizationRequests.RequestView> codes) {
        acks.forEach(a -> acknowledgements.markDelivered(a.ackId(), DeliveryPath.PUSH_POLL));
        codes.forEach(c -> authorizations.markDelivered(c.id(), DeliveryPath.PUSH_POLL));
    }

    @Override
    public Optional<List<Long>> recordAuthorizationRequests(String tenant, List<AuthorizationRequests.NewRequest> requests, String peer) {
        Optional<Long> va = accounts.resolve(IngestSource.push(tenant, null, null, peer));
        if (va.isEmpty()) {
            return Optional.empty();
        }
        List<Long> ids = new ArrayList<>();
        for (AuthorizationRequests.NewRequest r : requests) {
            ids.add(authorizations.record(r, ReportSource.PUSH, va.get()));
        }
        return Optional.of(ids);
    }
}
