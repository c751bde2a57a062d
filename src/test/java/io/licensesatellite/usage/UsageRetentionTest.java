package io.licensesatellite.usage;

import static org.assertj.core.api.Assertions.assertThat;

import io.licensesatellite.testing.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Retention deletes acknowledged reports after two years, and never a report the upstream has not acknowledged. */
@QuarkusTest
class UsageRetentionTest {
    @Inject
    UsageIngest ingest;
    @Inject
    UsageAcknowledgements acknowledgements;
    @Inject
    UsageRetention retention;
    @Inject
    UsageQueries queries;

    @AfterEach
    void back() {
        TestClock.CLOCK.set(Instant.now());
    }

    @Test
    void acknowledgedReportsGoAfterTheRetentionAndUnacknowledgedOnesStay() {
        TestClock.CLOCK.set(Instant.now());
        RumFixture device = RumFixture.aDevice();
        Instant then = TestClock.CLOCK.instant();
        long acked = stored(device, 1, then);
        long pending = stored(device, 2, then);
        acknowledgements.recordAcknowledgement(device.id(), "ack".getBytes(StandardCharsets.UTF_8), List.of(1L), null, "up");

        TestClock.CLOCK.advance(Duration.ofDays(729));
        retention.deleteExpired(TestClock.CLOCK.instant());
        assertThat(queries.report(acked)).isPresent();

        TestClock.CLOCK.advance(Duration.ofDays(2));
        UsageRetention.Deleted deleted = retention.deleteExpired(TestClock.CLOCK.instant());
        assertThat(deleted.reports()).isGreaterThanOrEqualTo(1);
        assertThat(queries.report(acked)).isEmpty();
        assertThat(queries.report(pending)).isPresent();
        // the device's latest acknowledgement stays deliverable even when old
        assertThat(acknowledgements.ackFileFor(device.id())).isPresent();
    }

    private long stored(RumFixture device, long reportId, Instant now) {
        return ((IngestOutcome.Stored) ingest.ingest(IngestSource.push(null, null, null, "peer"),
                RumFixture.raw(device.dayReport(reportId, 1, now)))).id();
    }
}
