package io.licensesatellite.devices;

import java.time.Duration;
import java.time.Instant;

/** A device's clock must be within the tolerance of the satellite's, either way. */
public final class ClockTolerancePolicy {
    private final Duration tolerance;

    public ClockTolerancePolicy(Duration tolerance) {
        this.tolerance = tolerance;
    }

    public boolean accepts(Instant deviceTime, Instant satelliteTime) {
        return deviceTime != null && Duration.between(deviceTime, satelliteTime).abs().compareTo(tolerance) <= 0;
    }
}
