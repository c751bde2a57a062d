package io.licensesatellite.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.licensesatellite.testing.SatelliteJourney;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** GET /api/v1/virtual-accounts: name filter, sort by name or id both ways, pages and total. */
@QuarkusTest
class VirtualAccountListTest extends SatelliteJourney {
    String family;
    List<Long> ids;

    @BeforeEach
    void threeAccountsOfOneFamily() {
        family = "fam" + UUID.randomUUID().toString().substring(0, 8);
        ids = List.of(api.createVirtualAccount(family + "-Charlie"), api.createVirtualAccount(family + "-alpha"),
                api.createVirtualAccount(family + "-Bravo"));
    }

    @Test
    void filtersByNameSubstringInAnyCase() {
        api.asAdmin().queryParam("name", family.toUpperCase() + "-BR").get("/api/v1/virtual-accounts").then()
                .statusCode(200).body("total", equalTo(1)).body("items[0].name", equalTo(family + "-Bravo"));
        api.asAdmin().queryParam("name", family).get("/api/v1/virtual-accounts").then().body("total", equalTo(3));
    }

    @Test
    void sortsByNameAndIdBothWays() {
        assertThat(names("name")).containsExactly(family + "-alpha", family + "-Bravo", family + "-Charlie");
        assertThat(names("-name")).containsExactly(family + "-Charlie", family + "-Bravo", family + "-alpha");
        assertThat(ids("id")).containsExactlyElementsOf(ids);
        assertThat(ids("-id")).containsExactly(ids.get(2), ids.get(1), ids.get(0));
    }

    @Test
    void pagesCarryTheTotal() {
        api.asAdmin().queryParam("name", family).queryParam("size", 2).queryParam("page", 1).queryParam("sort", "id")
                .get("/api/v1/virtual-accounts").then().body("total", equalTo(3)).body("page", equalTo(1))
                .body("size", equalTo(2)).body("items.id", org.hamcrest.Matchers.contains(ids.get(2).intValue()));
    }

    @Test
    void refusesUnknownSortsAndOversizedPages() {
        api.asAdmin().queryParam("sort", "createdAt").get("/api/v1/virtual-accounts").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("sort"))
                .body("errors[0].message", containsString("name, id"));
        api.asAdmin().queryParam("size", 1000).get("/api/v1/virtual-accounts").then().statusCode(400)
                .body("errors[0].field", equalTo("size"));
    }

    private List<String> names(String sort) {
        return api.asAdmin().queryParam("name", family).queryParam("sort", sort).get("/api/v1/virtual-accounts").then()
                .statusCode(200).extract().jsonPath().getList("items.name", String.class);
    }

    private List<Long> ids(String sort) {
        return api.asAdmin().queryParam("name", family).queryParam("sort", sort).get("/api/v1/virtual-accounts").then()
                .statusCode(200).extract().jsonPath().getList("items.id", Long.class);
    }
}
