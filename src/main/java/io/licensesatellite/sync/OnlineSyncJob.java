package io.licensesatellite.sync;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;

/** Thin: every half minute, asks whether a scheduled run or a retry is due. The schedule itself lives in the database. */
@ApplicationScoped
public class OnlineSyncJob {
    private final OnlineSync online;
    private final Clock clock;

    public OnlineSyncJob(OnlineSync online, Clock clock) {
        this.online = online;
        this.clock = clock;
    }

    @Scheduled(every = "30s", delayed = "30s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        online.runIfDue(clock.instant());
    }
}
