package io.licensesatellite.accounts;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;

/** Keeps today's licence-use figures: hourly, so the day's row holds figures at most an hour old. */
@ApplicationScoped
public class LicenseSnapshotJob {
    private final LicenseHistory history;
    private final Clock clock;

    public LicenseSnapshotJob(LicenseHistory history, Clock clock) {
        this.history = history;
        this.clock = clock;
    }

    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void snapshot() {
        history.snapshot(clock.instant());
    }
}
