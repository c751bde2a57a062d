package io.licensesatellite.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.licensesatellite.testing.SatelliteJourney;
import io.licensesatellite.testing.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Automation authenticates with a bearer token that is shown once and carries exactly its scopes. */
@QuarkusTest
class ApiClientsTest extends SatelliteJourney {
    private JsonPath create(List<String> scopes, Integer days) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("name", "ci-" + UUID.randomUUID().toString().substring(0, 8),
                "scopes", scopes));
        if (days != null) {
            body.put("expiresInDays", days);
        }
        return api.asAdmin().body(body).post("/api/v1/api-clients").then().statusCode(201)
                .header("Cache-Control", "no-store").extract().jsonPath();
    }

    @Test
    void theTokenIsShownOnceAndOnlyItsHashIsKept() {
        JsonPath created = create(List.of("READ"), 30);
        String token = created.getString("token");
        String id = created.getString("id");
        assertThat(token).matches("lsc_" + id + "_[A-Za-z0-9_-]{43}");
        String listed = api.asAdmin().get("/api/v1/api-clients?size=500").then().statusCode(200)
                .body("items.find { it.id == '" + id + "' }.scopes", equalTo(List.of("READ")))
                .body("items.find { it.id == '" + id + "' }.createdBy", equalTo(io.licensesatellite.testing.AdminApi.TEST_CLIENT_ACTOR))
                .body("items.find { it.id == '" + id + "' }.expiresAt", notNullValue())
                .extract().asString();
        assertThat(listed).doesNotContain(token).doesNotContain(token.substring(token.lastIndexOf('_') + 1));
        String audit = api.asAdmin().get("/api/v1/audit?size=500").asString();
        assertThat(audit).doesNotContain(token.substring(token.lastIndexOf('_') + 1));
    }

    @Test
    void scopesAreEnforcedAndTheActorIsTheClient() {
        String reader = create(List.of("READ"), null).getString("token");
        api.bearer(reader).get("/api/v1/virtual-accounts").then().statusCode(200);
        api.bearer(reader).body(Map.of("name", "nope")).post("/api/v1/virtual-accounts").then().statusCode(403)
                .body("detail", org.hamcrest.Matchers.containsString("ACCOUNTS_WRITE"));
        JsonPath writerClient = create(List.of("ACCOUNTS_WRITE"), null);
        String name = "by-client-" + UUID.randomUUID();
        api.bearer(writerClient.getString("token")).body(Map.of("name", name)).post("/api/v1/virtual-accounts").then().statusCode(201);
        api.bearer(writerClient.getString("token")).get("/api/v1/virtual-accounts").then().statusCode(403);
        api.asAdmin().queryParam("q", name).get("/api/v1/audit").then().statusCode(200);
        api.asAdmin().queryParam("actor", "api-client:" + writerClient.getString("name")).get("/api/v1/audit").then()
                .body("items[0].action", equalTo("POST /api/v1/virtual-accounts"))
                .body("items[0].outcome", equalTo("success"));
        api.asAdmin().get("/api/v1/api-clients?size=500").then()
                .body("items.find { it.id == '" + writerClient.getString("id") + "' }.lastUsedAt", notNullValue());
    }

    @Test
    void revokingStopsTheTokenAtOnce() {
        JsonPath created = create(List.of("READ"), null);
        String token = created.getString("token");
        api.bearer(token).get("/api/v1/virtual-accounts").then().statusCode(200);
        api.asAdmin().delete("/api/v1/api-clients/" + created.getString("id")).then().statusCode(204);
        api.bearer(token).get("/api/v1/virtual-accounts").then().statusCode(401);
        api.asAdmin().get("/api/v1/api-clients?size=500").then()
                .body("items.find { it.id == '" + created.getString("id") + "' }.revokedAt", notNullValue());
    }

    @Test
    void anExpiredTokenIsRefused() {
        String token = create(List.of("READ"), 1).getString("token");
        api.bearer(token).get("/api/v1/virtual-accounts").then().statusCode(200);
        TestClock.CLOCK.advance(Duration.ofDays(1).plusSeconds(1));
        api.bearer(token).get("/api/v1/virtual-accounts").then().statusCode(401);
    }

    @Test
    void badRequestsAreRefusedPrecisely() {
        api.asAdmin().body(Map.of("name", "x", "scopes", List.of("FLY"))).post("/api/v1/api-clients").then().statusCode(400)
                .body("errors[0].field", equalTo("scopes"));
        api.asAdmin().body(Map.of("name", "x", "scopes", List.of())).post("/api/v1/api-clients").then().statusCode(400);
        api.asAdmin().body(Map.of("name", "bad name!", "scopes", List.of("READ"))).post("/api/v1/api-clients").then().statusCode(400)
                .body("errors[0].field", equalTo("name"));
        api.asAdmin().body(Map.of("name", "x", "scopes", List.of("READ"), "expiresInDays", 0)).post("/api/v1/api-clients")
                .then().statusCode(400).body("errors[0].field", equalTo("expiresInDays"));
        api.asAdmin().delete("/api/v1/api-clients/nosuchclient").then().statusCode(404).body("revokedAt", nullValue());
    }
}
