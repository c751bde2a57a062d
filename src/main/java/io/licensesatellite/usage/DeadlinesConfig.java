package io.licensesatellite.usage;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** When reporting deadlines of policy devices become alerts. */
@ConfigMapping(prefix = "satellite.usage.deadlines")
public interface DeadlinesConfig {

    /**
     * How long before a report is due or an acknowledgement deadline passes the alert appears. Two weeks leave time
     * for a sync by file across an air gap, which the vendor's own cadence (30 days) assumes takes days.
     */
    @WithDefault("P14D")
    Duration warnBefore();
}
