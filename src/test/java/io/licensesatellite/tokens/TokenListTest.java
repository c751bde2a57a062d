package io.licensesatellite.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.licensesatellite.testing.Devices;
import io.licensesatellite.testing.SatelliteJourney;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** GET /api/v1/tokens: every account's tokens, by account and status, sorted and paged. */
@QuarkusTest
class TokenListTest extends SatelliteJourney {
    long va;
    long usedUp;
    long revoked;
    long active;

    /** One token used up by a registration, one revoked, one active with 9 uses left. */
    @BeforeEach
    void threeTokens() {
        va = api.createVirtualAccount("VA-" + UUID.randomUUID());
        String single = api.createToken(va, 30, 1, false);
        usedUp = api.tokenId(va, single);
        Devices.registered(client, Devices.aSwitch(), single);
        revoked = api.tokenId(va, api.createToken(va, 30, 5, false));
        api.asAdmin().delete("/api/v1/tokens/" + revoked).then().statusCode(200);
        active = api.tokenId(va, api.createToken(va, 30, 9, false));
    }

    @Test
    void filtersByAccountAndStatus() {
        api.asAdmin().queryParam("virtualAccountId", va).get("/api/v1/tokens").then().statusCode(200)
                .body("total", equalTo(3));
        for (var expected : List.of(List.of("USED_UP", usedUp), List.of("REVOKED", revoked), List.of("ACTIVE", active))) {
            api.asAdmin().queryParam("virtualAccountId", va).queryParam("status", expected.get(0).toString().toLowerCase())
                    .get("/api/v1/tokens").then().body("total", equalTo(1))
                    .body("items[0].id", equalTo(((Long) expected.get(1)).intValue()))
                    .body("items[0].status", equalTo(expected.get(0)));
        }
        api.asAdmin().queryParam("virtualAccountId", va).queryParam("status", "EXPIRED").get("/api/v1/tokens").then()
                .body("total", equalTo(0));
    }

    @Test
    void sortsByUsesLeftAndCreationBothWays() {
        assertThat(ids("usesLeft")).containsExactly(usedUp, revoked, active);
        assertThat(ids("-usesLeft")).containsExactly(active, revoked, usedUp);
        assertThat(ids("createdAt")).containsExactly(usedUp, revoked, active);
        assertThat(ids("-createdAt")).containsExactly(active, revoked, usedUp);
    }

    @Test
    void theAccountsOwnListIsPagedToo() {
        api.asAdmin().queryParam("size", 1).queryParam("page", 2).get("/api/v1/virtual-accounts/" + va + "/tokens").then()
                .statusCode(200).body("total", equalTo(3)).body("items[0].id", equalTo((int) usedUp));
    }

    @Test
    void refusesUnknownStatusAndSort() {
        api.asAdmin().queryParam("status", "SLEEPING").get("/api/v1/tokens").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("status"));
        api.asAdmin().queryParam("sort", "hint").get("/api/v1/tokens").then().statusCode(400)
                .body("errors[0].field", equalTo("sort"));
    }

    private List<Long> ids(String sort) {
        return api.asAdmin().queryParam("virtualAccountId", va).queryParam("sort", sort).get("/api/v1/tokens").then()
                .statusCode(200).extract().jsonPath().getList("items.id", Long.class);
    }
}
