package io.licensesatellite.usage;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Smart Licensing Using Policy usage ({@code satellite.usage.*}). */
@ConfigMapping(prefix = "satellite.usage")
public interface UsageConfig {

    /**
     * The Virtual Account for reports whose device is new and whose source names none (push to {@code /cslu/v1/pi}
     * without a tenant, a file uploaded without a choice). Created on first use if missing, so a device is never
     * refused for want of an account; operators move devices by pointing them at {@code /cslu/v1/pi/<VA>-1}.
     */
    @WithDefault("Default")
    String defaultVirtualAccount();

    /** Acknowledged reports and their measurements are deleted this long after they were received (two years). */
    @WithDefault("P730D")
    Duration retention();

    /**
     * How far a measurement's end may lie ahead of the satellite's clock. Device clocks drift; the vendor's own
     * tolerance for trust is an hour.
     */
    @WithDefault("PT1H")
    Duration futureTolerance();

    Limits limits();

    /** Group commit: reports arriving together are stored in one transaction, each answered after that commit. */
    GroupCommit groupCommit();

    interface Limits {
        /** Largest RUM wrapper (payload and signature) accepted, in bytes. A report of a day is a few kilobytes. */
        @WithDefault("262144")
        int maxWrapperBytes();

        /** Most measurements in one report. */
        @WithDefault("2000")
        int maxMeasurements();

        /** Deepest JSON nesting in a wrapper or payload; the model needs six levels. */
        @WithDefault("16")
        int maxJsonDepth();

        /** Longest JSON string other than the payload itself (tags, names, signature values). */
        @WithDefault("4096")
        int maxStringLength();

        /** Longest interval one measurement may span; longer ones are refused as out of bounds. */
        @WithDefault("P400D")
        Duration maxMeasurementSpan();
    }

    interface GroupCommit {
        /** Most reports stored in one transaction. */
        @WithDefault("256")
        int maxReports();
    }
}
