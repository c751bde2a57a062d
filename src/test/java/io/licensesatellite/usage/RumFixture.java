package io.licensesatellite.usage;

import io.licensesatellite.agent.slp.RumReport;
import io.licensesatellite.agent.slp.RumReportWriter;
import io.licensesatellite.agent.slp.SlpIdentity;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Object mother for RUM reports: a fresh simulated device per call, reports in the public format. */
final class RumFixture {
    static final String TAG = "regid.2016-11.com.cisco.DNA_NWStack,1.0_e7244e71-3ad5-4608-8bf0-d12f67c80896";

    final SlpIdentity identity;
    final RumReportWriter writer;

    RumFixture(SlpIdentity identity) {
        this.identity = identity;
        this.writer = new RumReportWriter(identity, ("key-" + identity.serialNumber()).getBytes(StandardCharsets.UTF_8), false);
    }

    static RumFixture aDevice() {
        return new RumFixture(SlpIdentity.aSwitch("FOC" + UUID.randomUUID().toString().substring(0, 8).toUpperCase()));
    }

    DeviceId id() {
        return new DeviceId(identity.pid(), identity.serialNumber());
    }

    /** A report of one day's usage of {@link #TAG}, the day ending an hour before {@code now}. */
    RumReport dayReport(long reportId, long count, Instant now) {
        long end = now.getEpochSecond() - 3600;
        return writer.write(reportId, TAG, List.of(new RumReport.Measurement(end - 86_400, end, count)), end);
    }

    RumReport report(long reportId, String tag, RumReport.Measurement... measurements) {
        return writer.write(reportId, tag, List.of(measurements), measurements.length == 0 ? 0 : measurements[0].endTime());
    }

    static RumInput raw(RumReport report) {
        return RumInput.raw(report.wrapperJson().getBytes(StandardCharsets.UTF_8));
    }

    static RumInput raw(String wrapperJson) {
        return RumInput.raw(wrapperJson.getBytes(StandardCharsets.UTF_8));
    }
}
