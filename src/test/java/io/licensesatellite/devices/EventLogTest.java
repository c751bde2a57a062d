package io.licensesatellite.devices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.licensesatellite.agent.AgentMessages.Credentials;
import io.licensesatellite.agent.AgentMessages.Entitlement;
import io.licensesatellite.testing.Devices;
import io.licensesatellite.testing.SatelliteJourney;
import io.licensesatellite.testing.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** GET /api/v1/events and /product-instances/{id}/events: the device event log, filtered, sorted and paged. */
@QuarkusTest
class EventLogTest extends SatelliteJourney {
    long va;
    Credentials first;
    Credentials second;
    Instant between;

    /** First registers and is authorised; a day later the second registers. */
    @BeforeEach
    void twoDevices() {
        va = api.createVirtualAccount("VA-" + UUID.randomUUID());
        api.addLicense(va, "C9300 DNA Advantage", 5, null);
        String token = api.createToken(va, 30, 10, false);
        first = Devices.registered(client, Devices.aSwitch(), token);
        TestClock.CLOCK.advance(Duration.ofMinutes(1));
        Devices.success(client.authorize(first, List.of(new Entitlement("C9300 DNA Advantage", 1))));
        TestClock.CLOCK.advance(Duration.ofDays(1));
        between = TestClock.CLOCK.instant().minusSeconds(1);
        second = Devices.registered(client, Devices.aSwitch(), token);
    }

    @Test
    void theLogAcrossInstancesIsNewestFirstAndFiltersByAccountTypeInstanceAndTime() {
        assertThat(types(api.asAdmin().queryParam("virtualAccountId", va)))
                .containsExactly("REGISTERED", "AUTHORIZED", "REGISTERED");
        assertThat(types(api.asAdmin().queryParam("virtualAccountId", va).queryParam("sort", "occurredAt")))
                .containsExactly("REGISTERED", "AUTHORIZED", "REGISTERED");
        api.asAdmin().queryParam("virtualAccountId", va).queryParam("sort", "occurredAt").get("/api/v1/events").then()
                .body("items[0].instanceId", equalTo(first.productInstanceId()))
                .body("items[2].instanceId", equalTo(second.productInstanceId()));
        api.asAdmin().queryParam("virtualAccountId", va).queryParam("type", "authorized").get("/api/v1/events").then()
                .body("total", equalTo(1)).body("items[0].instanceId", equalTo(first.productInstanceId()));
        api.asAdmin().queryParam("instanceId", second.productInstanceId()).get("/api/v1/events").then()
                .body("total", equalTo(1)).body("items[0].type", equalTo("REGISTERED"));
        api.asAdmin().queryParam("virtualAccountId", va).queryParam("from", between.toString()).get("/api/v1/events")
                .then().body("total", equalTo(1)).body("items[0].instanceId", equalTo(second.productInstanceId()));
        api.asAdmin().queryParam("virtualAccountId", va).queryParam("to", between.toString()).get("/api/v1/events")
                .then().body("total", equalTo(2));
        api.asAdmin().queryParam("virtualAccountId", va).queryParam("size", 2).queryParam("page", 1).get("/api/v1/events")
                .then().body("total", equalTo(3)).body("items.size()", equalTo(1)).body("items[0].type", equalTo("REGISTERED"));
    }

    @Test
    void anInstancesEventsArePagedNewestFirst() {
        api.asAdmin().queryParam("size", 1).get("/api/v1/product-instances/" + first.productInstanceId() + "/events").then()
                .statusCode(200).body("total", equalTo(2)).body("items[0].type", equalTo("AUTHORIZED"));
        api.asAdmin().queryParam("type", "REGISTERED").get("/api/v1/product-instances/" + first.productInstanceId() + "/events")
                .then().body("total", equalTo(1));
    }

    @Test
    void refusesUnknownTypesSortsAndTimes() {
        api.asAdmin().queryParam("type", "EXPLODED").get("/api/v1/events").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("type"));
        api.asAdmin().queryParam("sort", "detail").get("/api/v1/events").then().statusCode(400)
                .body("errors[0].field", equalTo("sort"));
        api.asAdmin().queryParam("from", "yesterday").get("/api/v1/events").then().statusCode(400)
                .body("errors[0].field", equalTo("from"));
        api.asAdmin().queryParam("from", between.toString()).queryParam("to", between.toString()).get("/api/v1/events")
                .then().statusCode(400).body("errors[0].field", equalTo("to"));
    }

    private static List<String> types(io.restassured.specification.RequestSpecification request) {
        return request.get("/api/v1/events").then().statusCode(200).extract().jsonPath().getList("items.type", String.class);
    }
}
