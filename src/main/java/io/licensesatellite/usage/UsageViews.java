package io.licensesatellite.usage;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** What operators read of usage: records, never entities. */
public final class UsageViews {
    private UsageViews() {}

    public record Page<T>(List<T> items, int page, int size, long total) {}

    public record ReportSummary(long id, String pid, String serialNumber, long virtualAccountId, long reportId,
                                String source, String state, Instant receivedAt, Instant sentAt, String correlation,
                                Instant acknowledgedAt, int measurements, String digest) {
        static ReportSummary of(UsageReport r, UsageDevice d) {
            return new ReportSummary(r.id, d.pid, d.serialNumber, r.virtualAccountId, r.reportId, r.source.name(),
                    r.state.name(), r.receivedAt, r.sentAt, r.correlation, r.acknowledgedAt, r.measurementCount, r.digest);
        }
    }

    /**
     * A report with its raw parts as received.
     *
     * @param payload   the payload string exactly as the device signed it
     * @param signature the signature object's JSON as received
     * @param header    the header object's JSON as received, or null
     */
    public record ReportDetail(ReportSummary report, String payload, String signature, String header,
                               List<MeasurementView> measurements) {}

    public record MeasurementView(String tag, long startTime, long endTime, long count, int samples) {}

    /** One day's usage of a tag: the sum over devices of each device's peak count that UTC day. */
    public record DailyUsage(LocalDate day, String tag, long count) {}

    /**
     * A reporting device. {@code nextReportDue} and {@code ackDeadline} are those of {@code GET /usage/deadlines}
     * ({@link ReportingDeadlines}); null when the device owes nothing.
     */
    public record DeviceSummary(long id, String pid, String serialNumber, String instanceId, long virtualAccountId,
                                String softwareTag, Instant firstSeenAt, Instant lastReportAt, long reportsPending,
                                long reportsSent, long reportsAcknowledged, Instant lastAckAt, Instant nextReportDue,
                                Instant ackDeadline) {}
}
