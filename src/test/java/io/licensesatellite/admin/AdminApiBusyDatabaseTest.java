package io.licensesatellite.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.licensesatellite.testing.HeldRowLock;
import io.licensesatellite.testing.SatelliteJourney;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** An operator's change that cannot get its row lock in time is a 503 "try again", not a 500, and changes nothing. */
@QuarkusTest
class AdminApiBusyDatabaseTest extends SatelliteJourney {
    @Inject
    EntityManager entityManager;

    @Test
    void aLockedTokenRowMakesRevocationBusyThenItSucceeds() throws Exception {
        long va = api.createVirtualAccount("VA-" + UUID.randomUUID());
        String token = api.createToken(va, 30, 5, false);
        long tokenId = api.tokenId(va, token);
        try (HeldRowLock lock = new HeldRowLock(entityManager, "registration_token", tokenId)) {
            api.asAdmin().delete("/api/v1/tokens/" + tokenId).then().statusCode(503)
                    .contentType("application/problem+json").header("Retry-After", "1")
                    .body("type", equalTo("https://license-satellite.io/problems/busy"));
        }
        api.asAdmin().get("/api/v1/tokens/" + tokenId).then().body("status", equalTo("ACTIVE"));
        api.asAdmin().delete("/api/v1/tokens/" + tokenId).then().statusCode(200).body("status", equalTo("REVOKED"));
    }
}
