package io.licensesatellite.sync.file.slp;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A reporting policy as the upstream hands it down with an acknowledgement: per licence kind, the days until the
 * first report, the reporting frequency and the days to report after a change (0 = not required / immediately).
 */
public record Policy(
        String name,
        @JsonProperty("reporting_ack_required") boolean reportingAckRequired,
        @JsonProperty("unenforced_perpetual") Terms unenforcedPerpetual,
        @JsonProperty("unenforced_subscription") Terms unenforcedSubscription,
        @JsonProperty("enforced_perpetual") Terms enforcedPerpetual,
        @JsonProperty("enforced_subscription") Terms enforcedSubscription,
        @JsonProperty("export_perpetual") Terms exportPerpetual,
        @JsonProperty("export_subscription") Terms exportSubscription) {

    public record Terms(
            @JsonProperty("first_report_days") int firstReportDays,
            @JsonProperty("reporting_frequency_days") int reportingFrequencyDays,
            @JsonProperty("report_on_change_days") int reportOnChangeDays) {}

    /** The vendor's default (protocol-facts B4): unenforced perpetual 365/0/90, subscription 90/90/90, the rest 0/0/0. */
    public static Policy ciscoDefault() {
        Terms none = new Terms(0, 0, 0);
        return new Policy("CISCO default", true, new Terms(365, 0, 90), new Terms(90, 90, 90), none, none, none, none);
    }
}
