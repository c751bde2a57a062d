package io.licensesatellite.usage.upstream;

import io.licensesatellite.accounts.VirtualAccounts;
import io.licensesatellite.sync.file.slp.Sudi;
import io.licensesatellite.usage.AuthorizationRequests;
import io.licensesatellite.usage.DeviceId;
import io.licensesatellite.usage.PendingReport;
import io.licensesatellite.usage.UpstreamQueue;
import io.licensesatellite.usage.UsageAcknowledgements;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@link UsageUpstreamStore} on the usage feature's services: its queue, acknowledgements and authorisation requests. */
@ApplicationScoped
public class UsageStoreAdapter implements UsageUpstreamStore {
    private final UpstreamQueue queue;
    private final UsageAcknowledgements acknowledgements;
    private final AuthorizationRequests requests;
    private final VirtualAccounts accounts;

    public UsageStoreAdapter(UpstreamQueue queue, UsageAcknowledgements acknowledgements, AuthorizationRequests requests,
            VirtualAccounts accounts) {
        this.queue = queue;
        this.acknowledgements = acknowledgements;
        this.requests = requests;
        this.accounts = accounts;
    }

    @Override
    public List<OutgoingReport> pendingReports(int limit) {
        Map<Long, String> names = new HashMap<>();
        return queue.pending(limit).stream().map(r -> new OutgoingReport(r.id(), sudi(r.device()),
                names.computeIfAbsent(r.virtualAccountId(), this::vaName), r.reportId(), r.softwareTag(),
                new String(r.payload(), StandardCharsets.UTF_8), r.signatureJson())).toList();
    }

    @Override
    public void markReportsSent(Collection<Long> ids, String correlation) {
        if (!ids.isEmpty()) {
            queue.markSent(ids, correlation);
        }
    }

    @Override
    public int resetReportsToPending(String correlation) {
        return queue.resetToPending(correlation);
    }

    @Override
    public List<Long> recordAcknowledgement(Sudi sudi, byte[] ackDocument, List<Long> reportIds, byte[] policy, String from) {
        return acknowledgements.recordAcknowledgement(new DeviceId(sudi.pid(), sudi.serial()), ackDocument, reportIds, policy,
                from).unknown();
    }

    @Override
    public List<OutgoingAuthorizationRequest> pendingAuthorizationRequests(int limit) {
        Map<Long, String> names = new HashMap<>();
        return requests.pending(limit).stream().map(r -> new OutgoingAuthorizationRequest(r.id(), sudi(r.device()),
                names.computeIfAbsent(r.virtualAccountId(), this::vaName),
                r.entitlements().stream().map(e -> new Entitlement(e.tag(), e.count())).toList())).toList();
    }

    @Override
    public void markAuthorizationRequestsSent(Collection<Long> ids, String correlation) {
        if (!ids.isEmpty()) {
            requests.markSent(ids, correlation);
        }
    }

    @Override
    public int resetAuthorizationRequestsToPending(String correlation) {
        return requests.resetToPending(correlation);
    }

    @Override
    public void recordAuthorizationCode(long requestId, byte[] code) {
        requests.recordCode(requestId, code);
    }

    private String vaName(long vaId) {
        return accounts.names(vaId).virtualAccount();
    }

    private static Sudi sudi(DeviceId device) {
        return new Sudi(device.pid(), device.serialNumber());
    }
}
