package io.licensesatellite.devices;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "satellite.devices")
public interface DevicesConfig {
    /**
     * How far a device's clock may be from the satellite's before its request is refused. One hour, as the
     * vendor allows between device and cloud for trust establishment; devices should use NTP.
     */
    @WithDefault("PT1H")
    Duration clockTolerance();

    /** How long an authorisation is valid unless the device renews it (the vendor's 90 days). */
    @WithDefault("P90D")
    Duration authorizationValidity();

    /** How often a device renews its authorisation (the vendor's 30 days). */
    @WithDefault("P30D")
    Duration renewalInterval();

    /** How often the satellite looks for silent devices and lapsed registrations. */
    @WithDefault("1h")
    String lifecycleCheckEvery();

    /** How many instances one life-cycle transaction handles, so a backlog never holds locks for long. */
    @WithDefault("500")
    int lifecycleBatchSize();
}
