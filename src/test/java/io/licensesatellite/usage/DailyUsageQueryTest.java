package io.licensesatellite.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.licensesatellite.agent.slp.RumReport.Measurement;
import io.licensesatellite.platform.SatelliteException;
import io.licensesatellite.testing.AdminApi;
import io.licensesatellite.testing.TestClock;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Daily usage: per device and tag the peak of the UTC day, summed over the VA's devices. */
@QuarkusTest
class DailyUsageQueryTest {
    @Inject
    UsageIngest ingest;
    @Inject
    UsageQueries queries;
    @Inject
    io.licensesatellite.platform.SatelliteConfig config;
    @TestHTTPResource(value = "/", tls = true)
    URL base;

    @Test
    void theDailyCountIsTheSumOverDevicesOfEachDevicesPeakThatDay() {
        TestClock.CLOCK.set(Instant.now());
        String va = "Daily " + UUID.randomUUID();
        long vaId = new AdminApi(base, config.dataDir()).createVirtualAccount(va);
        String tag = "regid.daily." + UUID.randomUUID();
        LocalDate day1 = LocalDate.now(ZoneOffset.UTC).minusDays(10);
        long d1 = day1.atStartOfDay(ZoneOffset.UTC).toEpochSecond();
        long d2 = d1 + 86_400;
        RumFixture a = RumFixture.aDevice();
        RumFixture b = RumFixture.aDevice();
        // device a: 3 then 5 on day 1 (peak 5), 2 on day 2; a later report with a lower count changes nothing
        push(va, a.report(1, tag, new Measurement(d1, d1 + 3600, 3), new Measurement(d1 + 3600, d1 + 7200, 5),
                new Measurement(d2, d2 + 3600, 2)));
        push(va, a.report(2, tag, new Measurement(d1 + 7200, d1 + 10_800, 4)));
        // device b: 7 on day 1 only
        push(va, b.report(1, tag, new Measurement(d1 + 100, d1 + 200, 7)));

        var usage = queries.daily(new UsageQueries.DailyQuery(vaId, tag, null, null, day1, day1.plusDays(2)));
        assertThat(usage).containsExactly(new UsageViews.DailyUsage(day1, tag, 12), new UsageViews.DailyUsage(day1.plusDays(1), tag, 2));

        var ofA = queries.daily(new UsageQueries.DailyQuery(null, null, a.identity.pid(), a.identity.serialNumber(), day1, day1.plusDays(2)));
        assertThat(ofA).containsExactly(new UsageViews.DailyUsage(day1, tag, 5), new UsageViews.DailyUsage(day1.plusDays(1), tag, 2));
    }

    @Test
    void aMeasurementCountsForEveryDayItsIntervalTouches() {
        TestClock.CLOCK.set(Instant.now());
        String va = "Span " + UUID.randomUUID();
        long vaId = new AdminApi(base, config.dataDir()).createVirtualAccount(va);
        String tag = "regid.span." + UUID.randomUUID();
        LocalDate day1 = LocalDate.now(ZoneOffset.UTC).minusDays(10);
        long d1 = day1.atStartOfDay(ZoneOffset.UTC).toEpochSecond();
        push(va, RumFixture.aDevice().report(1, tag, new Measurement(d1 + 43_200, d1 + 86_400 + 43_200, 4)));
        assertThat(queries.daily(new UsageQueries.DailyQuery(vaId, tag, null, null, day1, day1.plusDays(5))))
                .extracting(UsageViews.DailyUsage::count).containsExactly(4L, 4L);
    }

    @Test
    void aRangeLongerThanTwoYearsIsRefused() {
        LocalDate from = LocalDate.of(2024, 1, 1);
        assertThatThrownBy(() -> queries.daily(new UsageQueries.DailyQuery(1L, null, null, null, from, from.plusDays(731))))
                .isInstanceOf(SatelliteException.class).hasMessageContaining("to");
    }

    private void push(String va, io.licensesatellite.agent.slp.RumReport report) {
        assertThat(ingest.ingest(IngestSource.push(va, null, null, "peer"), RumFixture.raw(report)))
                .isInstanceOf(IngestOutcome.Stored.class);
    }
}
