package io.licensesatellite.usage;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import org.jboss.logging.Logger;

/** Thin: applies the retention rule every six hours. */
@ApplicationScoped
public class UsageRetentionJob {
    private static final Logger LOG = Logger.getLogger(UsageRetentionJob.class);

    private final UsageRetention retention;
    private final Clock clock;

    public UsageRetentionJob(UsageRetention retention, Clock clock) {
        this.retention = retention;
        this.clock = clock;
    }

    @Scheduled(every = "6h", delayed = "10m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        UsageRetention.Deleted d = retention.deleteExpired(clock.instant());
        if (d.reports() + d.dailyRows() + d.acknowledgements() > 0) {
            LOG.infof("Usage retention: %d report(s), %d measurement(s), %d daily row(s), %d acknowledgement(s) deleted",
                    d.reports(), d.measurements(), d.dailyRows(), d.acknowledgements());
        }
    }
}
