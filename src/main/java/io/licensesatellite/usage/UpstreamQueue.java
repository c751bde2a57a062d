package io.licensesatellite.usage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reports on their way upstream: what is pending, marking a send, and undoing a send that failed. The upstream
 * helper (online, offline file, YAML sync) drives it; this keeps the states straight.
 */
@ApplicationScoped
public class UpstreamQueue {
    public static final int MAX_CORRELATION = 200;

    private final UsageReportRepository reports;
    private final UsageDeviceRepository devices;
    private final Clock clock;

    public UpstreamQueue(UsageReportRepository reports, UsageDeviceRepository devices, Clock clock) {
        this.reports = reports;
        this.devices = devices;
        this.clock = clock;
    }

    /**
     * Up to {@code limit} PENDING reports in a stable order that keeps each VA's and device's reports together (by VA,
     * then device, then arrival), so a sender can cut them into per-device groups without sorting.
     */
    @Transactional
    public List<PendingReport> pending(int limit) {
        List<UsageReport> rows = reports.pending(limit);
        Map<Long, UsageDevice> byId = new HashMap<>();
        List<PendingReport> out = new ArrayList<>(rows.size());
        for (UsageReport r : rows) {
            UsageDevice d = byId.computeIfAbsent(r.deviceId, devices::findById);
            out.add(view(r, d));
        }
        return out;
    }

    static PendingReport view(UsageReport r, UsageDevice d) {
        byte[] payload = r.payload();
        String signature = r.signature(payload);
        RumWrapper wrapper = new RumWrapper(new String(payload, StandardCharsets.UTF_8), signature, r.headerJson, null);
        return new PendingReport(r.id, d.deviceId(), r.virtualAccountId, r.reportId, d.softwareTag, r.source,
                r.receivedAt, wrapper.toJson(), payload, signature, r.headerJson, r.digest);
    }

    /**
     * Marks the reports SENT with the upstream's correlation (a poll id, a bundle name, a sync sequence). Reports
     * already acknowledged stay acknowledged; returns how many changed.
     */
    @Transactional
    public int markSent(Collection<Long> ids, String correlation) {
        if (correlation == null || correlation.isBlank() || correlation.length() > MAX_CORRELATION) {
            throw new IllegalArgumentException("A correlation of 1 to " + MAX_CORRELATION + " characters is required");
        }
        Instant now = clock.instant();
        int changed = 0;
        for (UsageReport r : reports.byIds(ids)) {
            if (r.state != ReportState.ACKNOWLEDGED) {
                r.state = ReportState.SENT;
                r.sentAt = now;
                r.correlation = correlation;
                changed++;
            }
        }
        return changed;
    }

    /** A send that failed: its reports (still unacknowledged) become PENDING again; returns how many. */
    @Transactional
    public int resetToPending(String correlation) {
        List<UsageReport> sent = reports.byCorrelation(correlation);
        for (UsageReport r : sent) {
            r.state = ReportState.PENDING;
            r.sentAt = null;
            r.correlation = null;
        }
        return sent.size();
    }

    /** The SENT reports of one send, for a sender that polls the upstream for them. */
    @Transactional
    public List<PendingReport> sent(String correlation) {
        List<PendingReport> out = new ArrayList<>();
        Map<Long, UsageDevice> byId = new HashMap<>();
        for (UsageReport r : reports.byCorrelation(correlation)) {
            out.add(view(r, byId.computeIfAbsent(r.deviceId, devices::findById)));
        }
        return out;
    }
}
