package io.licensesatellite.devices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.licensesatellite.agent.AgentMessages.Credentials;
import io.licensesatellite.agent.AgentMessages.Entitlement;
import io.licensesatellite.agent.AgentMessages.RegisterRequest;
import io.licensesatellite.agent.AgentMessages.Registration;
import io.licensesatellite.testing.Devices;
import io.licensesatellite.testing.SatelliteJourney;
import io.licensesatellite.testing.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** GET /api/v1/product-instances: filters, sort both ways, pages and totals, and what it refuses. */
@QuarkusTest
class InstanceListTest extends SatelliteJourney {
    long va;
    String site;
    List<Credentials> registered;

    /** Three switches an hour apart, hostnames sorting in the opposite order of registration; the last authorised. */
    @BeforeEach
    void threeSwitches() {
        va = api.createVirtualAccount("VA-" + UUID.randomUUID());
        api.addLicense(va, "C9300 DNA Advantage", 5, null);
        String token = api.createToken(va, 30, 10, false);
        site = "site" + UUID.randomUUID().toString().substring(0, 6);
        registered = new java.util.ArrayList<>();
        for (String name : List.of("c", "b", "a")) {
            var device = Devices.aSwitch();
            Registration r = Devices.success(client.register(device, new RegisterRequest(token, false,
                    site + "-" + name + "_sw", "Catalyst", "17.9.1", false, true)));
            registered.add(Devices.credentials(device, r));
            TestClock.CLOCK.advance(Duration.ofHours(1));
        }
        Devices.success(client.authorize(registered.get(2), List.of(new Entitlement("C9300 DNA Advantage", 1))));
    }

    @Test
    void filtersByAccountAndPagesWithTheTotal() {
        api.asAdmin().queryParam("virtualAccountId", va).queryParam("size", 2).get("/api/v1/product-instances").then()
                .statusCode(200).body("total", equalTo(3)).body("page", equalTo(0)).body("size", equalTo(2))
                .body("items", hasSize(2));
        api.asAdmin().queryParam("virtualAccountId", va).queryParam("size", 2).queryParam("page", 1)
                .get("/api/v1/product-instances").then().body("total", equalTo(3)).body("items", hasSize(1));
        api.asAdmin().queryParam("virtualAccountId", va).queryParam("size", 2).queryParam("page", 5)
                .get("/api/v1/product-instances").then().body("total", equalTo(3)).body("items", hasSize(0));
    }

    @Test
    void sortsByHostnameAndLastContactBothWays() {
        assertThat(hostnames("hostname")).containsExactly(site + "-a_sw", site + "-b_sw", site + "-c_sw");
        assertThat(hostnames("-hostname")).containsExactly(site + "-c_sw", site + "-b_sw", site + "-a_sw");
        assertThat(hostnames("lastContactAt")).containsExactly(site + "-c_sw", site + "-b_sw", site + "-a_sw");
        assertThat(hostnames("-lastContactAt")).containsExactly(site + "-a_sw", site + "-b_sw", site + "-c_sw");
        assertThat(hostnames(null)).as("newest registration first by default").containsExactly(site + "-a_sw", site + "-b_sw", site + "-c_sw");
    }

    @Test
    void everyPageOfEverySortReadsLikeTheWholeList() {
        for (String sort : List.of("hostname", "-hostname", "pid", "-pid", "serialNumber", "-serialNumber", "state",
                "-state", "lastContactAt", "-lastContactAt", "registeredAt", "-registeredAt")) {
            List<String> whole = ids(sort, 0, 3);
            List<String> paged = new java.util.ArrayList<>();
            for (int page = 0; page < 3; page++) {
                paged.addAll(ids(sort, page, 1));
            }
            assertThat(paged).as(sort).isEqualTo(whole).hasSize(3);
        }
    }

    @Test
    void filtersByStateSerialNumberPidAndHostnameSubstring() {
        api.asAdmin().queryParam("virtualAccountId", va).queryParam("state", "authorized").get("/api/v1/product-instances")
                .then().body("total", equalTo(1)).body("items[0].id", equalTo(registered.get(2).productInstanceId()))
                .body("items[0].state", equalTo("AUTHORIZED"));
        api.asAdmin().queryParam("serialNumber", registered.get(0).device().serialNumber()).get("/api/v1/product-instances")
                .then().body("total", equalTo(1)).body("items[0].id", equalTo(registered.get(0).productInstanceId()));
        api.asAdmin().queryParam("virtualAccountId", va).queryParam("pid", "C9300-24T").get("/api/v1/product-instances")
                .then().body("total", equalTo(3));
        api.asAdmin().queryParam("hostname", site.toUpperCase() + "-B").get("/api/v1/product-instances").then()
                .body("total", equalTo(1)).body("items[0].hostname", equalTo(site + "-b_sw"));
        // '%' and '_' match themselves, not anything
        api.asAdmin().queryParam("hostname", site + "-%").get("/api/v1/product-instances").then().body("total", equalTo(0));
        api.asAdmin().queryParam("hostname", "-c_sw").queryParam("virtualAccountId", va).get("/api/v1/product-instances")
                .then().body("total", equalTo(1));
    }

    @Test
    void refusesAnUnknownSortNamingTheAllowedFields() {
        api.asAdmin().queryParam("sort", "-udi_pid").get("/api/v1/product-instances").then().statusCode(400)
                .contentType("application/problem+json").body("type", equalTo("https://license-satellite.io/problems/validation"))
                .body("errors[0].field", equalTo("sort")).body("errors[0].message", containsString("lastContactAt"));
    }

    @Test
    void refusesPagesLargerThan500() {
        api.asAdmin().queryParam("size", 501).get("/api/v1/product-instances").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("size"));
        api.asAdmin().queryParam("size", 500).get("/api/v1/product-instances").then().statusCode(200);
        api.asAdmin().queryParam("page", -1).get("/api/v1/product-instances").then().statusCode(400)
                .body("errors[0].field", equalTo("page"));
        api.asAdmin().queryParam("page", "two").get("/api/v1/product-instances").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("page"));
    }

    private List<String> hostnames(String sort) {
        var request = api.asAdmin().queryParam("virtualAccountId", va);
        if (sort != null) {
            request = request.queryParam("sort", sort);
        }
        return request.get("/api/v1/product-instances").then().statusCode(200).extract().jsonPath()
                .getList("items.hostname", String.class);
    }

    private List<String> ids(String sort, int page, int size) {
        return api.asAdmin().queryParam("virtualAccountId", va).queryParam("sort", sort).queryParam("page", page)
                .queryParam("size", size).get("/api/v1/product-instances").then().statusCode(200).extract().jsonPath()
                .getList("items.id", String.class);
    }
}
