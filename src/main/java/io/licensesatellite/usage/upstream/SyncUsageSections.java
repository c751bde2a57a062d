package io.licensesatellite.usage.upstream;

import io.licensesatellite.platform.ErrorKind;
import io.licensesatellite.platform.SatelliteException;
import io.licensesatellite.sync.SyncUsageExchange;
import io.licensesatellite.sync.file.SyncRequestFile;
import io.licensesatellite.sync.file.SyncResponseFile;
import io.licensesatellite.usage.upstream.UsageUpstreamStore.OutgoingAuthorizationRequest;
import io.licensesatellite.usage.upstream.UsageUpstreamStore.OutgoingReport;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.Base64;
import java.util.List;

/**
 * Usage in the YAML sync files: a request carries every pending report and authorisation request (standard and full
 * alike: the usage queue is not part of the instance delta), marked SENT as {@code sync:<sequence>}; reports of
 * earlier requests never answered go again. A response's acknowledgements and codes are checked and stored in the
 * import's transaction.
 */
@ApplicationScoped
public class SyncUsageSections implements SyncUsageExchange {
    /** Reports in one request: the YAML file stays well under its size limit; the rest go next time. */
    static final int MAX_REPORTS = 20_000;

    private final UsageUpstreamStore store;
    private final UpstreamAnswers answers;

    public SyncUsageSections(UsageUpstreamStore store, UpstreamAnswers answers) {
        this.store = store;
        this.answers = answers;
    }

    static String correlation(long sequence) {
        return "sync:" + sequence;
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public Outgoing outgoing(long sequence, List<Long> unansweredSequences) {
        for (long earlier : unansweredSequences) {
            store.resetReportsToPending(correlation(earlier));
            store.resetAuthorizationRequestsToPending(correlation(earlier));
        }
        List<OutgoingReport> reports = store.pendingReports(MAX_REPORTS);
        List<OutgoingAuthorizationRequest> requests = store.pendingAuthorizationRequests(MAX_REPORTS);
        store.markReportsSent(reports.stream().map(OutgoingReport::id).toList(), correlation(sequence));
        store.markAuthorizationRequestsSent(requests.stream().map(OutgoingAuthorizationRequest::id).toList(), correlation(sequence));
        return new Outgoing(
                reports.stream().map(r -> new SyncRequestFile.UsageReport(r.virtualAccount(), r.sudi().pid(), r.sudi().serial(),
                        r.softwareTag(), r.reportId(), r.payload(), r.signatureJson())).toList(),
                requests.stream().map(r -> new SyncRequestFile.AuthorizationRequest(r.id(), r.virtualAccount(), r.sudi().pid(),
                        r.sudi().serial(), r.entitlements().stream()
                                .map(e -> new SyncRequestFile.Entitlement(e.tag(), e.count())).toList())).toList());
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public Incoming apply(SyncResponseFile response, long answeredSequence) {
        String from = "sync response to request " + answeredSequence;
        int acks = 0;
        int reports = 0;
        int codes = 0;
        Base64.Decoder base64 = Base64.getDecoder();
        for (SyncResponseFile.UsageAcknowledgement ack : response.usageAcknowledgements()) {
            reports += answers.acknowledgement(decode(base64, ack.document(), from), from).reports();
            acks++;
        }
        for (SyncResponseFile.AuthorizationCode code : response.authorizationCodes()) {
            if (code.document() == null) {
                continue;  // refused upstream: the request stays SENT; the reason is in the response
            }
            answers.authorization(decode(base64, code.document(), from), from, code.requestId());
            codes++;
        }
        return new Incoming(acks, reports, codes);
    }

    private static byte[] decode(Base64.Decoder base64, String text, String from) {
        try {
            return base64.decode(text);
        } catch (IllegalArgumentException e) {
            throw new SatelliteException(ErrorKind.USAGE_ACK_NOT_TRUSTED, "A document in the " + from + " is not base64");
        }
    }
}
