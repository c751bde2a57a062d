package io.licensesatellite.usage.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.licensesatellite.agent.slp.SlpDevice;
import io.licensesatellite.agent.slp.SlpIdentity;
import io.licensesatellite.testing.SatelliteJourney;
import io.licensesatellite.testing.TestClock;
import io.licensesatellite.usage.DeviceId;
import io.licensesatellite.usage.UsageAcknowledgements;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The device list shows each device's reporting deadlines, the same the deadlines list computes. */
@QuarkusTest
class UsageDevicesTest extends SatelliteJourney {
    static final String TAG = "regid.2016-11.com.cisco.DNA_NWStack,1.0_e7244e71-3ad5-4608-8bf0-d12f67c80896";

    @Inject
    UsageAcknowledgements acknowledgements;

    @Test
    void aDeviceShowsTheDeadlinesOfTheDeadlinesListAndTheyMoveWithItsAcknowledgement() {
        long va = api.createVirtualAccount("Devices " + UUID.randomUUID());
        String serial = "FDV" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        SlpDevice device = new SlpDevice(SlpIdentity.aSwitch(serial), SlpDevice.simulatorKey(serial), TestClock.CLOCK);
        device.use(TAG, 3);
        TestClock.CLOCK.advance(Duration.ofHours(2));
        device.measure();
        api.asAdmin().contentType("application/xml").body(device.usageFile().getBytes(StandardCharsets.UTF_8))
                .queryParam("virtualAccountId", va).post("/api/v1/usage/files").then().statusCode(200);

        JsonPath waiting = listed(va);
        JsonPath deadline = deadline(va);
        // the tag is in no pool: an unenforced subscription under the vendor's default, 90 days from first seen
        assertThat(waiting.getString("ackDeadline")).isNotNull().isEqualTo(deadline.getString("ackDeadline"));
        assertThat(Instant.parse(waiting.getString("ackDeadline")))
                .isEqualTo(Instant.parse(waiting.getString("firstSeenAt")).plus(Duration.ofDays(90)));
        assertThat(waiting.getString("nextReportDue")).isNotNull().isEqualTo(deadline.getString("nextReportDue"));

        TestClock.CLOCK.advance(Duration.ofDays(10));
        acknowledgements.recordAcknowledgement(new DeviceId(device.identity().pid(), serial),
                "{\"ack\":\"upstream\"}".getBytes(StandardCharsets.UTF_8),
                device.unacknowledged().stream().map(r -> r.reportId()).toList(), null, "test upstream");

        JsonPath acknowledged = listed(va);
        JsonPath after = deadline(va);
        Instant lastAck = Instant.parse(acknowledged.getString("lastAckAt"));
        assertThat(acknowledged.getString("ackDeadline")).isEqualTo(after.getString("ackDeadline"))
                .isNotEqualTo(waiting.getString("ackDeadline"));
        assertThat(Instant.parse(acknowledged.getString("ackDeadline"))).isEqualTo(lastAck.plus(Duration.ofDays(90)));
        assertThat(acknowledged.getString("nextReportDue")).isEqualTo(after.getString("nextReportDue"));
        assertThat(Instant.parse(acknowledged.getString("nextReportDue"))).isEqualTo(lastAck.plus(Duration.ofDays(90)));
    }

    private JsonPath listed(long va) {
        JsonPath page = api.asAdmin().queryParam("virtualAccountId", va).get("/api/v1/usage/devices").then().statusCode(200)
                .extract().jsonPath();
        assertThat(page.getList("items")).hasSize(1);
        return JsonPath.from(page.prettify()).setRootPath("items[0]");
    }

    private JsonPath deadline(long va) {
        JsonPath page = api.asAdmin().queryParam("virtualAccountId", va).get("/api/v1/usage/deadlines").then().statusCode(200)
                .extract().jsonPath();
        assertThat(page.getList("items")).hasSize(1);
        return JsonPath.from(page.prettify()).setRootPath("items[0]");
    }
}
