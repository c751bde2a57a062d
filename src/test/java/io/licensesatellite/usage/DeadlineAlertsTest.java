package io.licensesatellite.usage;

import static org.assertj.core.api.Assertions.assertThat;

import io.licensesatellite.agent.slp.LabPolicyDevice;
import io.licensesatellite.agent.slp.SmartlicRestServer;
import io.licensesatellite.testing.SatelliteJourney;
import io.licensesatellite.testing.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Reporting deadlines of a pulled device, and the alerts that come and go with them as time passes. */
@QuarkusTest
class DeadlineAlertsTest extends SatelliteJourney {
    private static final String PASSWORD = "pw-" + UUID.randomUUID();

    @Inject
    UsageAcknowledgements acknowledgements;

    @Test
    void aSubscriptionDeviceIsWarnedTwoWeeksAheadThenOverdueUntilItsAcknowledgementArrives() {
        String serial = "DL" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        LabPolicyDevice device = new LabPolicyDevice("C9300-48P", serial, Map.of("regid.test.subscription_" + serial, 1),
                TestClock.CLOCK);
        try (SmartlicRestServer server = SmartlicRestServer.start(device, "satellite", PASSWORD, TestClock.CLOCK, 0)) {
            Map<String, Object> body = new HashMap<>();
            body.put("address", "127.0.0.1");
            body.put("port", server.port());
            body.put("username", "satellite");
            body.put("password", PASSWORD);
            long id = api.asAdmin().body(body).post("/api/v1/usage/pull-devices").then().statusCode(201)
                    .extract().jsonPath().getLong("id");
            TestClock.CLOCK.advance(Duration.ofHours(2));
            api.asAdmin().post("/api/v1/usage/pull-devices/" + id + "/pull").then().statusCode(200);
            Instant firstSeen = Instant.parse(deadline(serial).getString("firstSeenAt"));

            JsonPath row = deadline(serial);
            assertThat(row.getString("policy")).isEqualTo("CISCO default");
            assertThat(row.getList("licenceKinds")).containsExactly("UNENFORCED_SUBSCRIPTION");
            assertThat(Instant.parse(row.getString("ackDeadline"))).isEqualTo(firstSeen.plus(Duration.ofDays(90)));
            assertThat(codesFor(serial)).isEmpty();

            TestClock.CLOCK.advance(Duration.ofDays(80));
            assertThat(codesFor(serial)).containsExactlyInAnyOrder("USAGE_ACK_DEADLINE_SOON", "USAGE_REPORT_DUE_SOON");

            TestClock.CLOCK.advance(Duration.ofDays(11));
            assertThat(codesFor(serial)).contains("USAGE_ACK_OVERDUE").doesNotContain("USAGE_ACK_DEADLINE_SOON");

            long reportId = device.reports().get(0).id();
            acknowledgements.recordAcknowledgement(new DeviceId("C9300-48P", serial),
                    ("<smartLicense><smartLicenseRumAck><data>{\"report_ids\":[" + reportId + "]}</data></smartLicenseRumAck>"
                            + "</smartLicense>").getBytes(StandardCharsets.UTF_8), List.of(reportId),
                    ("{\"name\":\"Custom Policy\",\"reporting_ack_required\":true,\"unenforced_subscription\":"
                            + "{\"first_report_days\":30,\"reporting_frequency_days\":30,\"report_on_change_days\":30}}")
                            .getBytes(StandardCharsets.UTF_8), "test upstream");
            assertThat(codesFor(serial)).isEmpty();
            JsonPath acknowledged = deadline(serial);
            assertThat(acknowledged.getString("policy")).isEqualTo("Custom Policy");
            assertThat(Instant.parse(acknowledged.getString("ackDeadline")))
                    .isEqualTo(Instant.parse(acknowledged.getString("lastAckAt")).plus(Duration.ofDays(30)));
        }
    }

    private JsonPath deadline(String serial) {
        JsonPath page = api.asAdmin().queryParam("size", 500).get("/api/v1/usage/deadlines").then().statusCode(200)
                .extract().jsonPath();
        int index = page.getList("items.serialNumber").indexOf(serial);
        assertThat(index).as("device %s in the deadlines", serial).isNotNegative();
        return JsonPath.from(page.prettify()).setRootPath("items[" + index + "]");
    }

    private List<String> codesFor(String serial) {
        return api.asAdmin().get("/api/v1/alerts").then().statusCode(200).extract().jsonPath()
                .getList("items.findAll { it.message.contains('SN:" + serial + "') }.code", String.class);
    }
}
