package io.licensesatellite.usage;

import static org.assertj.core.api.Assertions.assertThat;

import io.licensesatellite.usage.ReportingDeadlines.Deadlines;
import io.licensesatellite.usage.ReportingDeadlines.DeviceHistory;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The worked examples of docs/slp-pull.md "How reporting deadlines are computed", over the CISCO default. */
class ReportingDeadlinesTest {
    private static final Instant JAN_1 = Instant.parse("2026-01-01T00:00:00Z");
    private static final ReportingPolicy CISCO = ReportingPolicy.ciscoDefault();

    @Test
    void aNewPerpetualDeviceHasAYearForItsFirstAcknowledgement() {
        Deadlines d = ReportingDeadlines.compute(CISCO, Set.of(LicenceKind.UNENFORCED_PERPETUAL),
                new DeviceHistory(JAN_1, null, null, null));
        assertThat(d.ackDeadline()).isEqualTo(Instant.parse("2027-01-01T00:00:00Z"));
        assertThat(d.nextReportDue()).isEqualTo(d.ackDeadline());
    }

    @Test
    void aSubscriptionDeviceReportsEveryNinetyDaysAfterItsLastAcknowledgement() {
        Instant ack = Instant.parse("2026-02-10T00:00:00Z");
        Deadlines d = ReportingDeadlines.compute(CISCO, Set.of(LicenceKind.UNENFORCED_PERPETUAL, LicenceKind.UNENFORCED_SUBSCRIPTION),
                new DeviceHistory(JAN_1, Instant.parse("2026-02-09T00:00:00Z"), ack, null));
        assertThat(d.ackDeadline()).isEqualTo(Instant.parse("2026-05-11T00:00:00Z"));
        assertThat(d.nextReportDue()).isEqualTo(Instant.parse("2026-05-11T00:00:00Z"));
    }

    @Test
    void aReportWaitingForItsAcknowledgementMovesTheReportDueButNotTheAckDeadline() {
        Instant ack = Instant.parse("2026-02-10T00:00:00Z");
        Instant report = Instant.parse("2026-05-01T00:00:00Z");
        Deadlines d = ReportingDeadlines.compute(CISCO, Set.of(LicenceKind.UNENFORCED_SUBSCRIPTION),
                new DeviceHistory(JAN_1, report, ack, null));
        assertThat(d.ackDeadline()).isEqualTo(Instant.parse("2026-05-11T00:00:00Z"));
        assertThat(d.nextReportDue()).isEqualTo(Instant.parse("2026-07-30T00:00:00Z"));
    }

    @Test
    void anAcknowledgedPerpetualDeviceOwesNothingUntilItsCountsChange() {
        Instant ack = Instant.parse("2026-02-10T00:00:00Z");
        Deadlines quiet = ReportingDeadlines.compute(CISCO, Set.of(LicenceKind.UNENFORCED_PERPETUAL),
                new DeviceHistory(JAN_1, Instant.parse("2026-02-09T00:00:00Z"), ack, null));
        assertThat(quiet).isEqualTo(new Deadlines(null, null));

        Deadlines changed = ReportingDeadlines.compute(CISCO, Set.of(LicenceKind.UNENFORCED_PERPETUAL),
                new DeviceHistory(JAN_1, Instant.parse("2026-03-01T00:00:00Z"), ack, Instant.parse("2026-03-01T00:00:00Z")));
        assertThat(changed.ackDeadline()).isEqualTo(Instant.parse("2026-05-30T00:00:00Z"));
    }

    @Test
    void enforcedAndExportLicencesAreDueAtOnce() {
        Deadlines d = ReportingDeadlines.compute(CISCO, Set.of(LicenceKind.UNENFORCED_PERPETUAL, LicenceKind.EXPORT_PERPETUAL),
                new DeviceHistory(JAN_1, JAN_1, null, null));
        assertThat(d.ackDeadline()).isEqualTo(JAN_1);
    }

    @Test
    void aPolicyWithoutAcknowledgementsHasNoAckDeadline() {
        ReportingPolicy policy = ReportingPolicy.read(("<smartLicensePolicy><data>{\"name\":\"Custom Policy\","
                + "\"reporting_ack_required\":false,\"unenforced_perpetual\":{\"first_report_days\":30,"
                + "\"reporting_frequency_days\":60,\"report_on_change_days\":10}}</data></smartLicensePolicy>")
                .getBytes(StandardCharsets.UTF_8)).orElseThrow();
        Deadlines d = ReportingDeadlines.compute(policy, Set.of(LicenceKind.UNENFORCED_PERPETUAL),
                new DeviceHistory(JAN_1, null, null, null));
        assertThat(policy.name()).isEqualTo("Custom Policy");
        assertThat(d.ackDeadline()).isNull();
        assertThat(d.nextReportDue()).isEqualTo(Instant.parse("2026-01-31T00:00:00Z"));
        assertThat(policy.termsFor(LicenceKind.UNENFORCED_SUBSCRIPTION)).isEqualTo(CISCO.termsFor(LicenceKind.UNENFORCED_SUBSCRIPTION));
    }

    @Test
    void anUnreadablePolicyIsNoPolicy() {
        assertThat(ReportingPolicy.read("<smartLicensePolicy>garbage</smartLicensePolicy>".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(ReportingPolicy.read("{\"unenforced_perpetual\":{\"first_report_days\":-5}}".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(ReportingPolicy.read(null)).isEmpty();
    }

    @Test
    void aDeviceWithNothingInUseOwesNothing() {
        assertThat(ReportingDeadlines.compute(CISCO, Set.of(), new DeviceHistory(JAN_1, null, null, null)))
                .isEqualTo(new Deadlines(null, null));
    }
}
