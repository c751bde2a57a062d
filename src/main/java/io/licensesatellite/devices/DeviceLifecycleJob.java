package io.licensesatellite.devices;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;

/** Thin: the schedule only calls the domain with the current time. */
@ApplicationScoped
public class DeviceLifecycleJob {
    private final DeviceLifecycle lifecycle;
    private final Clock clock;

    public DeviceLifecycleJob(DeviceLifecycle lifecycle, Clock clock) {
        this.lifecycle = lifecycle;
        this.clock = clock;
    }

    @Scheduled(every = "${satellite.devices.lifecycle-check-every:1h}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        lifecycle.apply(clock.instant());
    }
}
