package io.licensesatellite.usage;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * When a policy device must next report and by when it must hold an acknowledgement, from its policy, the licence
 * kinds in its latest report and its history. The rules, with worked examples, are in docs/slp-pull.md "How
 * reporting deadlines are computed":
 *
 * <ol>
 *   <li>The duty of one kind: never acknowledged: first seen + first-report days. Acknowledged, with a reporting
 *       frequency: last ACK + frequency. Acknowledged, frequency 0: only after a change of the counts later than the
 *       last ACK, change + on-change days (the first such change: a later one does not put the duty off); otherwise
 *       none.</li>
 *   <li>The device's duty is the earliest over the kinds in its latest report; no kind in use, no duty.</li>
 *   <li>ACK deadline: the duty, when the policy requires acknowledgements.</li>
 *   <li>Next report due: the duty while the device's last report is acknowledged (or it never reported); once it
 *       reported and waits for the ACK, the next periodic report (last report + the shortest frequency), if any.</li>
 * </ol>
 */
public final class ReportingDeadlines {
    private ReportingDeadlines() {}

    /**
     * @param firstSeenAt when the satellite first heard of the device
     * @param lastReportAt its latest report received, or null
     * @param lastAckAt its latest acknowledgement recorded, or null
     * @param countsChangedAt when the satellite received the first report after the last acknowledgement whose
     *                        counts differ from the report before it ({@link ReportingHistories}), or null
     */
    public record DeviceHistory(Instant firstSeenAt, Instant lastReportAt, Instant lastAckAt, Instant countsChangedAt) {}

    /** Both null when no duty applies. */
    public record Deadlines(Instant nextReportDue, Instant ackDeadline) {}

    public static Deadlines compute(ReportingPolicy policy, Set<LicenceKind> kindsInUse, DeviceHistory history) {
        Instant duty = null;
        Instant periodic = null;
        for (LicenceKind kind : kindsInUse) {
            ReportingPolicy.Terms terms = policy.termsFor(kind);
            duty = earliest(duty, duty(terms, history));
            if (terms.reportingFrequencyDays() > 0 && history.lastReportAt() != null) {
                periodic = earliest(periodic, history.lastReportAt().plus(Duration.ofDays(terms.reportingFrequencyDays())));
            }
        }
        if (duty == null) {
            return new Deadlines(null, null);
        }
        boolean awaitingAck = history.lastReportAt() != null
                && (history.lastAckAt() == null || history.lastAckAt().isBefore(history.lastReportAt()));
        return new Deadlines(awaitingAck ? periodic : duty, policy.ackRequired() ? duty : null);
    }

    private static Instant duty(ReportingPolicy.Terms terms, DeviceHistory history) {
        if (history.lastAckAt() == null) {
            return history.firstSeenAt().plus(Duration.ofDays(terms.firstReportDays()));
        }
        if (terms.reportingFrequencyDays() > 0) {
            return history.lastAckAt().plus(Duration.ofDays(terms.reportingFrequencyDays()));
        }
        if (history.countsChangedAt() != null && history.countsChangedAt().isAfter(history.lastAckAt())) {
            return history.countsChangedAt().plus(Duration.ofDays(terms.reportOnChangeDays()));
        }
        return null;
    }

    private static Instant earliest(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isBefore(b) ? a : b;
    }
}
