package io.licensesatellite.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.licensesatellite.agent.AgentMessages.Credentials;
import io.licensesatellite.agent.AgentMessages.Entitlement;
import io.licensesatellite.testing.Devices;
import io.licensesatellite.testing.SatelliteJourney;
import io.licensesatellite.testing.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Licence use per UTC day: the snapshot the hourly job takes, and GET /virtual-accounts/{id}/license-history. */
@QuarkusTest
class LicenseHistoryTest extends SatelliteJourney {
    static final String TAG = "C9300 DNA Advantage";

    @Inject
    LicenseHistory history;

    long va;
    String token;
    LocalDate day1;

    @BeforeEach
    void anAccountAtTheEndOfADay() {
        va = api.createVirtualAccount("VA-" + UUID.randomUUID());
        api.addLicense(va, TAG, 10, null);
        token = api.createToken(va, 30, 5, false);
        day1 = LocalDate.ofInstant(TestClock.CLOCK.instant(), ZoneOffset.UTC).minusDays(1);
        TestClock.CLOCK.set(day1.atTime(23, 30).toInstant(ZoneOffset.UTC));
    }

    @Test
    void eachUtcDayKeepsItsLastFiguresAndTheNextDayStartsAnotherRow() {
        Credentials device = Devices.registered(client, Devices.aSwitch(), token);
        Devices.success(client.authorize(device, List.of(new Entitlement(TAG, 2))));
        history.snapshot(TestClock.CLOCK.instant());
        Devices.success(client.authorize(device, List.of(new Entitlement(TAG, 3))));
        history.snapshot(TestClock.CLOCK.instant());
        history.snapshot(TestClock.CLOCK.instant());

        TestClock.CLOCK.set(day1.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).plusSeconds(60));
        Devices.success(client.authorize(device, List.of(new Entitlement(TAG, 7))));
        history.snapshot(TestClock.CLOCK.instant());

        List<Map<String, Object>> days = api.asAdmin().get("/api/v1/virtual-accounts/" + va + "/license-history")
                .then().statusCode(200).extract().jsonPath().getList("");
        assertThat(days).containsExactly(
                Map.of("day", day1.toString(), "tag", TAG, "purchased", 10, "inUse", 3, "borrowed", 0),
                Map.of("day", day1.plusDays(1).toString(), "tag", TAG, "purchased", 10, "inUse", 7, "borrowed", 0));
        api.asAdmin().queryParam("from", day1.plusDays(1).toString()).get("/api/v1/virtual-accounts/" + va + "/license-history")
                .then().body("size()", equalTo(1)).body("[0].inUse", equalTo(7));
        api.asAdmin().queryParam("to", day1.toString()).queryParam("tag", TAG)
                .get("/api/v1/virtual-accounts/" + va + "/license-history").then().body("size()", equalTo(1))
                .body("[0].inUse", equalTo(3));
        api.asAdmin().queryParam("tag", "another tag").get("/api/v1/virtual-accounts/" + va + "/license-history")
                .then().body("size()", equalTo(0));
    }

    @Test
    void theDefaultRangeIsTheLast90Days() {
        history.snapshot(TestClock.CLOCK.instant());
        Instant later = day1.plusDays(91).atStartOfDay().toInstant(ZoneOffset.UTC);
        TestClock.CLOCK.set(later);
        api.asAdmin().get("/api/v1/virtual-accounts/" + va + "/license-history").then().body("size()", equalTo(0));
        TestClock.CLOCK.set(later.minusSeconds(1));
        api.asAdmin().get("/api/v1/virtual-accounts/" + va + "/license-history").then().body("size()", equalTo(1))
                .body("[0].purchased", equalTo(10)).body("[0].inUse", equalTo(0));
    }

    @Test
    void refusesRangesBeyondTwoYearsOrBackwardsAndBadDates() {
        api.asAdmin().queryParam("from", "2024-01-01").queryParam("to", "2026-01-02")
                .get("/api/v1/virtual-accounts/" + va + "/license-history").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("to"));
        api.asAdmin().queryParam("from", "2024-01-01").queryParam("to", "2026-01-01")
                .get("/api/v1/virtual-accounts/" + va + "/license-history").then().statusCode(200);
        api.asAdmin().queryParam("from", "2025-02-01").queryParam("to", "2025-01-01")
                .get("/api/v1/virtual-accounts/" + va + "/license-history").then().statusCode(400)
                .body("errors[0].field", equalTo("from"));
        api.asAdmin().queryParam("from", "01/02/2025").get("/api/v1/virtual-accounts/" + va + "/license-history")
                .then().statusCode(400).body("errors[0].field", equalTo("from"));
        api.asAdmin().get("/api/v1/virtual-accounts/987654321/license-history").then().statusCode(404);
    }
}
