package io.licensesatellite.accounts;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import io.licensesatellite.testing.SatelliteJourney;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class VirtualAccountsApiTest extends SatelliteJourney {
    @Test
    void anOperatorNamesTheSmartAccountAndCreatesVirtualAccounts() {
        api.asAdmin().body(Map.of("name", "Acme Bank")).put("/api/v1/smart-account").then().statusCode(200)
                .body("name", equalTo("Acme Bank"));
        String name = "VA-" + UUID.randomUUID();
        long id = api.createVirtualAccount(name);
        api.asAdmin().get("/api/v1/virtual-accounts/" + id).then().statusCode(200).body("name", equalTo(name));
        api.asAdmin().queryParam("name", name).get("/api/v1/virtual-accounts").then().statusCode(200)
                .body("items.name", hasItem(name));
    }

    @Test
    void aDuplicateNameIsAConflict() {
        String name = "VA-" + UUID.randomUUID();
        api.createVirtualAccount(name);
        api.asAdmin().body(Map.of("name", name)).post("/api/v1/virtual-accounts").then().statusCode(409)
                .contentType("application/problem+json");
    }

    @Test
    void aBlankNameListsTheFieldAtFault() {
        api.asAdmin().body(Map.of("name", " ")).post("/api/v1/virtual-accounts").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("name"));
    }

    @Test
    void malformedJsonIsAProblemNotAServerError() {
        api.asAdmin().body("{\"name\": ").post("/api/v1/virtual-accounts").then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void licencePoolsAreLocallyEnteredAndValidated() {
        long va = api.createVirtualAccount("VA-" + UUID.randomUUID());
        api.addLicense(va, "C9500 Network Essentials", 10, null);
        api.asAdmin().get("/api/v1/virtual-accounts/" + va + "/licenses").then().statusCode(200)
                .body("", hasSize(1)).body("[0].source", equalTo("LOCAL")).body("[0].quantity", equalTo(10));
        api.asAdmin().body(Map.of("tag", "Term tag", "quantity", 1, "type", "TERM"))
                .post("/api/v1/virtual-accounts/" + va + "/licenses").then().statusCode(400)
                .body("errors[0].field", equalTo("endDate"));
        api.asAdmin().body(Map.of("tag", "C9500 Network Essentials", "quantity", 1))
                .post("/api/v1/virtual-accounts/" + va + "/licenses").then().statusCode(409);
        api.asAdmin().body(Map.of("tag", "x", "quantity", 1)).post("/api/v1/virtual-accounts/999999/licenses")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void anExpiredTermLicenceNoLongerCounts() {
        long va = api.createVirtualAccount("VA-" + UUID.randomUUID());
        api.asAdmin().body(Map.of("tag", "DNA Advantage Term", "quantity", 5, "type", "TERM", "endDate", "2020-01-31"))
                .post("/api/v1/virtual-accounts/" + va + "/licenses").then().statusCode(201).body("expired", equalTo(true));
        api.asAdmin().get("/api/v1/virtual-accounts/" + va + "/compliance").then().statusCode(200)
                .body("[0].purchased", equalTo(0));
    }

    @Test
    void stateChangingCallsAreAudited() {
        String name = "VA-" + UUID.randomUUID();
        api.createVirtualAccount(name);
        // The audit trail is the operator's record: read it straight from the service.
        org.assertj.core.api.Assertions.assertThat(io.quarkus.arc.Arc.container().instance(io.licensesatellite.admin.AuditLog.class).get()
                .recent(0, 20)).anySatisfy(e -> {
                    org.assertj.core.api.Assertions.assertThat(e.actor).isEqualTo(io.licensesatellite.testing.AdminApi.TEST_CLIENT_ACTOR);
                    org.assertj.core.api.Assertions.assertThat(e.action).isEqualTo("POST /api/v1/virtual-accounts");
                    org.assertj.core.api.Assertions.assertThat(e.status).isEqualTo(201);
                });
    }
}
