package io.licensesatellite.devices;

import static org.assertj.core.api.Assertions.assertThat;

import io.licensesatellite.agent.AgentMessages.DeviceIdentity;
import io.licensesatellite.agent.AgentMessages.RegisterRequest;
import io.licensesatellite.agent.AgentReply;
import io.licensesatellite.testing.Devices;
import io.licensesatellite.testing.HeldRowLock;
import io.licensesatellite.testing.SatelliteJourney;
import io.licensesatellite.testing.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A registration that cannot get its token's row lock in time (another transaction holds it) is answered
 * "try again", changes nothing, and succeeds once the database is free.
 */
@QuarkusTest
class DatabaseBusyTest extends SatelliteJourney {
    @Inject
    EntityManager entityManager;

    @Test
    void aLockedTokenRowAsksTheDeviceToRetry() throws Exception {
        TestClock.CLOCK.set(Instant.now());
        long va = api.createVirtualAccount("VA-" + UUID.randomUUID());
        String token = api.createToken(va, 30, 5, false);
        long tokenId = api.tokenId(va, token);

        DeviceIdentity device = Devices.aSwitch();
        AgentReply<?> busy;
        try (HeldRowLock lock = new HeldRowLock(entityManager, "registration_token", tokenId)) {
            busy = client.register(device, RegisterRequest.withToken(token, false));
        }
        AgentReply.Failure<?> failure = Devices.failure(busy);
        assertThat(failure.status()).isEqualTo("OK_TRY_AGAIN");
        assertThat(failure.transientFailure()).isTrue();
        assertThat(failure.failureReason()).isEqualTo("Your request could not be processed right now. Please try again");
        api.asAdmin().get("/api/v1/tokens/" + tokenId).then().body("uses", org.hamcrest.Matchers.equalTo(0));

        Devices.success(client.register(device, RegisterRequest.withToken(token, false)));
    }
}
