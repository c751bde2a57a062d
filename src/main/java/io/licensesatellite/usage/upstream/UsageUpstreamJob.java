package io.licensesatellite.usage.upstream;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;

/** Thin: on the configured interval, sends pending usage and polls for acknowledgements when configured. */
@ApplicationScoped
public class UsageUpstreamJob {
    private final OnlineUsageReporting reporting;
    private final Clock clock;

    public UsageUpstreamJob(OnlineUsageReporting reporting, Clock clock) {
        this.reporting = reporting;
        this.clock = clock;
    }

    @Scheduled(every = "${satellite.usage-upstream.every:1h}", delayed = "60s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        reporting.runIfDue(clock.instant());
    }
}
