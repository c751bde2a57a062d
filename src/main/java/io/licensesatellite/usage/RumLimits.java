package io.licensesatellite.usage;

import java.time.Duration;

/** The bounds every RUM wrapper and payload is read within, whatever door brought it. */
public record RumLimits(int maxWrapperBytes, int maxMeasurements, int maxJsonDepth, int maxStringLength,
                        Duration maxMeasurementSpan) {
    public static final RumLimits DEFAULTS = new RumLimits(262_144, 2000, 16, 4096, Duration.ofDays(400));

    public static RumLimits of(UsageConfig.Limits limits) {
        return new RumLimits(limits.maxWrapperBytes(), limits.maxMeasurements(), limits.maxJsonDepth(),
                limits.maxStringLength(), limits.maxMeasurementSpan());
    }
}
