package io.licensesatellite.usage.pull;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;

/** Thin: every minute, pulls the devices whose interval has passed. A run still going makes the next tick skip. */
@ApplicationScoped
public class DevicePullJob {
    private final DevicePull pull;
    private final Clock clock;

    public DevicePullJob(DevicePull pull, Clock clock) {
        this.pull = pull;
        this.clock = clock;
    }

    @Scheduled(every = "60s", delayed = "60s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        pull.pullDue(clock.instant());
    }
}
