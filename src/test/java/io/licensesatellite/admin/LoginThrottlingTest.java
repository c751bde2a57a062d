package io.licensesatellite.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.licensesatellite.testing.SatelliteJourney;
import io.licensesatellite.testing.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Password guessing is slowed per username and per source address, then locked; time (the test clock) unlocks. */
@QuarkusTest
class LoginThrottlingTest extends SatelliteJourney {
    private static final String PROBLEMS = "https://license-satellite.io/problems/";

    @Inject
    LoginThrottle throttle;

    @BeforeEach
    @AfterEach
    void cleanSlate() {
        throttle.forgetAll();
    }

    private Response login(String username, String password) {
        return api.anonymous().body(Map.of("username", username, "password", password)).post("/api/v1/session");
    }

    private static long retryAfter(Response response) {
        return Long.parseLong(response.getHeader("Retry-After"));
    }

    @Test
    void afterFiveFailuresEachAttemptWaitsLongerThenTenLockTheUserForFifteenMinutes() {
        String name = "guess-" + UUID.randomUUID().toString().substring(0, 8);
        String password = api.createUser(name, "VIEWER", null);
        for (int i = 0; i < 5; i++) {
            login(name, "wrong-" + i).then().statusCode(401).body("type", equalTo(PROBLEMS + "login-failed"));
        }
        long previous = 0;
        for (int i = 5; i < 10; i++) {
            Response held = login(name, password);
            held.then().statusCode(429).body("type", equalTo(PROBLEMS + "login-throttled"));
            long wait = retryAfter(held);
            assertThat(wait).as("the delay grows").isGreaterThan(previous);
            previous = wait;
            TestClock.CLOCK.advance(Duration.ofSeconds(wait));
            login(name, "wrong-" + i).then().statusCode(401);
        }
        // Ten failures: locked, and the right password is refused too.
        Response locked = login(name, password);
        locked.then().statusCode(429).body("type", equalTo(PROBLEMS + "login-locked"));
        assertThat(retryAfter(locked)).isBetween(14 * 60L, 15 * 60L);
        TestClock.CLOCK.advance(Duration.ofMinutes(10));
        login(name, password).then().statusCode(429).body("type", equalTo(PROBLEMS + "login-locked"));
        TestClock.CLOCK.advance(Duration.ofMinutes(5).plusSeconds(1));
        login(name, password).then().statusCode(200);
    }

    @Test
    void unknownUsernamesAreCountedAndAnsweredLikeKnownOnes() {
        String ghost = "ghost-" + UUID.randomUUID();
        for (int i = 0; i < 5; i++) {
            login(ghost, "x").then().statusCode(401).body("type", equalTo(PROBLEMS + "login-failed"))
                    .body("detail", equalTo(AdminAccounts.LOGIN_FAILED));
        }
        login(ghost, "x").then().statusCode(429).body("type", equalTo(PROBLEMS + "login-throttled"));
        login("admin", "wrong").then().statusCode(401).body("detail", equalTo(AdminAccounts.LOGIN_FAILED));
    }

    @Test
    void aSuccessResetsTheUsersCount() {
        String name = "reset-" + UUID.randomUUID().toString().substring(0, 8);
        String password = api.createUser(name, "VIEWER", null);
        for (int i = 0; i < 4; i++) {
            login(name, "wrong").then().statusCode(401);
        }
        login(name, password).then().statusCode(200);
        for (int i = 0; i < 4; i++) {
            login(name, "wrong").then().statusCode(401);
        }
        login(name, password).then().statusCode(200);
    }

    @Test
    void oneAddressTryingManyUsernamesIsThrottledThenLocked() {
        for (int i = 0; i < 20; i++) {
            login("spray-" + i + "-" + UUID.randomUUID(), "Summer2026!").then().statusCode(401);
        }
        Response held = login("spray-next-" + UUID.randomUUID(), "Summer2026!");
        held.then().statusCode(429).body("type", equalTo(PROBLEMS + "login-throttled"));
        // Keep failing after each wait until the address is locked at 30.
        for (int i = 21; i <= 30; i++) {
            TestClock.CLOCK.advance(Duration.ofSeconds(retryAfter(login("spray-wait", "x"))));
            login("spray-" + i + "-" + UUID.randomUUID(), "Summer2026!").then().statusCode(401);
        }
        login("admin", api.adminPassword()).then().statusCode(429).body("type", equalTo(PROBLEMS + "login-locked"));
        TestClock.CLOCK.advance(Duration.ofMinutes(16));
        login("admin", api.adminPassword()).then().statusCode(200);
    }
}
