package io.licensesatellite.sync.file.slp;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The {@code <data>} of a usage acknowledgement: which device's which reports the upstream received. */
public record AckData(
        Sudi sudi,
        @JsonProperty("software_tag_identifier") String softwareTagIdentifier,
        @JsonProperty("acknowledged_report_ids") List<Long> acknowledgedReportIds,
        long timestamp,
        String nonce) {}
