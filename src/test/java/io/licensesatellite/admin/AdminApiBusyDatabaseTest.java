package io.licensesatellite.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.licensesatellite.testing.SatelliteJourney;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> holder = CompletableFuture.runAsync(() -> QuarkusTransaction.requiringNew().run(() -> {
            entityManager.createNativeQuery("select id from registration_token where id = ?1 for update")
                    .setParameter(1, tokenId).getResultList();
            locked.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        assertThat(locked.await(10, TimeUnit.SECONDS)).isTrue();
        try {
            api.asAdmin().delete("/api/v1/tokens/" + tokenId).then().statusCode(503)
                    .contentType("application/problem+json").header("Retry-After", "1")
                    .body("type", equalTo("https://license-satellite.io/problems/busy"));
        } finally {
            release.countDown();
            holder.get(30, TimeUnit.SECONDS);
        }
        api.asAdmin().get("/api/v1/tokens/" + tokenId).then().body("status", equalTo("ACTIVE"));
        api.asAdmin().delete("/api/v1/tokens/" + tokenId).then().statusCode(200).body("status", equalTo("REVOKED"));
    }
}
