package io.licensesatellite.usage;

import static org.assertj.core.api.Assertions.assertThat;

import io.licensesatellite.testing.SatelliteJourney;
import io.licensesatellite.testing.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * An acknowledged device whose licences report no periodic duty (a perpetual licence under the vendor's default:
 * frequency 0, 90 days on change) owes an acknowledgement only once its counts change from one report to the next.
 */
@QuarkusTest
class CountsChangedDeadlineTest extends SatelliteJourney {
    @Inject
    UsageIngest ingest;
    @Inject
    UsageAcknowledgements acknowledgements;

    @Test
    void thePerpetualDeviceOwesAnAcknowledgementNinetyDaysAfterItsCountsFirstChanged() {
        long va = api.createVirtualAccount("Counts " + UUID.randomUUID());
        api.addLicense(va, RumFixture.TAG, 10, null);
        RumFixture device = RumFixture.aDevice();
        report(device, va, 1, 2);
        acknowledge(device, 1);

        TestClock.CLOCK.advance(Duration.ofDays(30));
        report(device, va, 2, 2);
        JsonPath unchanged = deadline(va);
        assertThat(unchanged.getList("licenceKinds")).containsExactly("UNENFORCED_PERPETUAL");
        assertThat(unchanged.getString("ackDeadline")).as("same counts: nothing owed").isNull();
        assertThat(unchanged.getString("nextReportDue")).isNull();

        TestClock.CLOCK.advance(Duration.ofDays(30));
        report(device, va, 3, 5);
        Instant changedAt = Instant.parse(deadline(va).getString("lastReportAt"));
        assertThat(Instant.parse(deadline(va).getString("ackDeadline"))).isEqualTo(changedAt.plus(Duration.ofDays(90)));

        TestClock.CLOCK.advance(Duration.ofDays(30));
        report(device, va, 4, 7);
        assertThat(Instant.parse(deadline(va).getString("ackDeadline")))
                .as("a later change does not put the duty off").isEqualTo(changedAt.plus(Duration.ofDays(90)));

        acknowledge(device, 2, 3, 4);
        assertThat(deadline(va).getString("ackDeadline")).as("the change is acknowledged").isNull();
    }

    private void report(RumFixture device, long va, long reportId, long count) {
        List<IngestOutcome> outcomes = ingest.ingest(IngestSource.file(va, device.id(), null, "test"),
                List.of(RumFixture.raw(device.dayReport(reportId, count, TestClock.CLOCK.instant()))));
        assertThat(outcomes).singleElement().isInstanceOf(IngestOutcome.Stored.class);
    }

    private void acknowledge(RumFixture device, long... reportIds) {
        acknowledgements.recordAcknowledgement(device.id(), "{\"ack\":\"upstream\"}".getBytes(StandardCharsets.UTF_8),
                java.util.Arrays.stream(reportIds).boxed().toList(), null, "test upstream");
    }

    private JsonPath deadline(long va) {
        JsonPath page = api.asAdmin().queryParam("virtualAccountId", va).get("/api/v1/usage/deadlines").then().statusCode(200)
                .extract().jsonPath();
        assertThat(page.getList("items")).hasSize(1);
        return JsonPath.from(page.prettify()).setRootPath("items[0]");
    }
}
