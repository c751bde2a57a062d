package io.licensesatellite.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;

import io.licensesatellite.testing.SatelliteJourney;
import io.licensesatellite.testing.TestClock;
import io.licensesatellite.testing.UpstreamLab;
import io.licensesatellite.upstream.Accounts;
import io.licensesatellite.upstream.UpstreamServer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The satellite syncs itself over mutual TLS: on demand, on schedule, with retries, never two at once. */
@QuarkusTest
class OnlineSyncTest extends SatelliteJourney {
    @Inject
    OnlineSync online;

    @Inject
    SyncGate gate;

    UpstreamLab lab;
    UpstreamServer server;

    @BeforeEach
    void upstreamOnline() {
        lab = UpstreamLab.shared();
        lab.ensureRegistered(api);
        server = lab.emulator().serve("127.0.0.1", 0);
        settings(Map.of("schedule", "off", "syncUrl", server.exchangeUrl().toString()));
    }

    @AfterEach
    void upstreamOffline() {
        server.close();
        settings(Map.of("schedule", "off"));
    }

    @Test
    void syncNowBringsLicencesDownOverTheNetwork() {
        String tag = "regid.lab.online_" + UUID.randomUUID();
        lab.setLicense(UpstreamLab.DATA_CENTRE, Accounts.LicenseLine.perpetual(tag, "Online licence", 7));

        JsonPath result = api.asAdmin().queryParam("type", "full").post("/api/v1/sync/online").then().statusCode(200)
                .extract().jsonPath();

        assertThat(result.getString("type")).isEqualTo("FULL");
        long dataCentre = api.asAdmin().queryParam("name", UpstreamLab.DATA_CENTRE)
                .get("/api/v1/virtual-accounts").then().extract().jsonPath()
                .getLong("items.find { it.name == '" + UpstreamLab.DATA_CENTRE + "' }.id");
        api.asAdmin().get("/api/v1/virtual-accounts/" + dataCentre + "/licenses").then()
                .body("find { it.tag == '" + tag + "' }.quantity", equalTo(7));
        api.asAdmin().queryParam("size", 1).get("/api/v1/sync/history").then()
                .body("items[0].operation", equalTo("ONLINE_SYNC")).body("items[0].result", equalTo("SUCCEEDED"))
                .body("items[0].channel", equalTo("ONLINE"));
        assertThat(lab.emulator().satellite(satelliteId()))
                .hasValueSatisfying(s -> assertThat(s.report().sequence()).isEqualTo(result.getLong("requestSequence")));
    }

    @Test
    void anUnreachableUpstreamIsRetriedWithBackoffUntilItAnswers() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        settings(Map.of("schedule", "off", "syncUrl", "https://127.0.0.1:" + closedPort + "/sync/v1/exchange"));

        api.asAdmin().post("/api/v1/sync/online").then().statusCode(502)
                .body("type", endsWith("/upstream-unavailable"));
        JsonPath status = api.asAdmin().get("/api/v1/sync").then().extract().jsonPath();
        assertThat(status.getInt("consecutiveFailures")).isEqualTo(1);
        Instant retryAt = Instant.parse(status.getString("nextRetryAt"));
        assertThat(retryAt).isAfter(TestClock.CLOCK.instant());
        assertThat(status.getList("alerts.code", String.class)).contains("ONLINE_SYNC_FAILING");
        api.asAdmin().queryParam("size", 1).get("/api/v1/sync/history").then()
                .body("items[0].result", equalTo("FAILED"));

        // Not yet due: nothing happens.
        assertThat(online.runIfDue(retryAt.minusSeconds(1))).isEmpty();
        // The upstream is back and the retry is due.
        settings(Map.of("schedule", "off", "syncUrl", server.exchangeUrl().toString()));
        api.asAdmin().get("/api/v1/sync").then().body("consecutiveFailures", equalTo(1));
        TestClock.CLOCK.set(retryAt);
        assertThat(online.runIfDue(retryAt)).isPresent();
        status = api.asAdmin().get("/api/v1/sync").then().extract().jsonPath();
        assertThat(status.getInt("consecutiveFailures")).isZero();
        assertThat(status.getString("nextRetryAt")).isNull();
    }

    @Test
    void aDailyScheduleRunsOncePerDay() {
        settings(Map.of("schedule", "daily", "syncUrl", server.exchangeUrl().toString()));
        Instant next = Instant.parse(api.asAdmin().get("/api/v1/sync/settings").then().statusCode(200)
                .extract().path("nextScheduledRun"));
        assertThat(Duration.between(TestClock.CLOCK.instant(), next)).isLessThanOrEqualTo(Duration.ofDays(1));

        assertThat(online.runIfDue(next.minusSeconds(1))).isEmpty();
        TestClock.CLOCK.set(next);
        assertThat(online.runIfDue(next)).isPresent();
        assertThat(online.runIfDue(next.plusSeconds(60))).as("the same day again").isEmpty();
        api.asAdmin().queryParam("size", 1).get("/api/v1/sync/history").then()
                .body("items[0].actor", equalTo("scheduler"));
    }

    @Test
    void aBadScheduleIsRefusedWithItsReason() {
        Map<String, Object> body = new HashMap<>(Map.of("schedule", "every tuesday"));
        api.asAdmin().body(body).put("/api/v1/sync/settings").then().statusCode(400)
                .body("type", endsWith("/validation")).body("detail", org.hamcrest.Matchers.containsString("schedule"));
    }

    @Test
    void neverTwoSynchronisationsAtOnce() {
        gate.exclusively(() -> {
            api.asAdmin().post("/api/v1/sync/online").then().statusCode(409).body("type", endsWith("/sync-in-progress"));
            api.asAdmin().post("/api/v1/sync/requests").then().statusCode(409).body("type", endsWith("/sync-in-progress"));
            return null;
        });
    }

    @Test
    void theProxyPasswordIsNeverShownAgain() {
        Map<String, Object> body = new HashMap<>(Map.of("schedule", "weekly", "syncUrl", server.exchangeUrl().toString(),
                "proxyHost", "proxy.example", "proxyPort", 3128, "proxyUsername", "sat", "proxyPassword", "s3cret-proxy"));
        String text = api.asAdmin().body(body).put("/api/v1/sync/settings").then().statusCode(200)
                .body("proxyPasswordSet", equalTo(true)).body("schedule", equalTo("weekly")).extract().asString();
        assertThat(text).doesNotContain("s3cret-proxy");
        assertThat(api.asAdmin().get("/api/v1/sync/settings").asString()).doesNotContain("s3cret-proxy");
    }

    private String satelliteId() {
        return api.asAdmin().get("/api/v1/sync").then().extract().path("satelliteId");
    }

    private void settings(Map<String, Object> values) {
        api.asAdmin().body(new HashMap<>(values)).put("/api/v1/sync/settings").then().statusCode(200);
    }
}
