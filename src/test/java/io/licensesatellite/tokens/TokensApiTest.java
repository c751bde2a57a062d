package io.licensesatellite.tokens;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import io.licensesatellite.testing.SatelliteJourney;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class TokensApiTest extends SatelliteJourney {
    long va;

    @BeforeEach
    void setUp() {
        va = api.createVirtualAccount("VA-" + UUID.randomUUID());
    }

    @Test
    void theTokenStringIsShownOnceAndNeverListed() {
        String token = api.asAdmin().body(Map.of("description", "lab switches", "expiresInDays", 30, "maxUses", 5))
                .post("/api/v1/virtual-accounts/" + va + "/tokens").then().statusCode(201)
                .header("Cache-Control", "no-store")
                .body("metadata.usesLeft", equalTo(5)).body("metadata.status", equalTo("ACTIVE"))
                .extract().jsonPath().getString("token");
        String listing = api.asAdmin().get("/api/v1/virtual-accounts/" + va + "/tokens").then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].hint", equalTo(token.substring(0, 8)))
                .body("items[0].createdBy", equalTo(io.licensesatellite.testing.AdminApi.TEST_CLIENT_ACTOR)).extract().asString();
        org.assertj.core.api.Assertions.assertThat(listing).doesNotContain(token);
    }

    @Test
    void expiryMustBeBetweenOneAnd365Days() {
        for (int days : new int[] {0, 366}) {
            api.asAdmin().body(Map.of("expiresInDays", days, "maxUses", 1))
                    .post("/api/v1/virtual-accounts/" + va + "/tokens").then().statusCode(400)
                    .body("errors[0].field", equalTo("expiresInDays"));
        }
        api.asAdmin().body(Map.of("expiresInDays", 365, "maxUses", 1))
                .post("/api/v1/virtual-accounts/" + va + "/tokens").then().statusCode(201);
    }

    @Test
    void maxUsesMustBePositive() {
        api.asAdmin().body(Map.of("expiresInDays", 10, "maxUses", 0))
                .post("/api/v1/virtual-accounts/" + va + "/tokens").then().statusCode(400)
                .body("errors[0].field", equalTo("maxUses"));
    }

    @Test
    void aRevokedTokenShowsAsRevoked() {
        String token = api.createToken(va, 30, 5, false);
        long id = api.tokenId(va, token);
        api.asAdmin().delete("/api/v1/tokens/" + id).then().statusCode(200)
                .body("status", equalTo("REVOKED")).body("revokedAt", notNullValue());
        api.asAdmin().get("/api/v1/tokens/" + id).then().statusCode(200).body("status", equalTo("REVOKED"));
    }

    @Test
    void tokensOfAnUnknownAccountAreNotFound() {
        api.asAdmin().body(Map.of("expiresInDays", 10, "maxUses", 1)).post("/api/v1/virtual-accounts/987654/tokens")
                .then().statusCode(404).body("detail", not(equalTo(null)));
    }
}
