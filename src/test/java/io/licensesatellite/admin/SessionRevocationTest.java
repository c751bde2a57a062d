package io.licensesatellite.admin;

import static org.hamcrest.Matchers.equalTo;

import io.licensesatellite.testing.AdminApi;
import io.licensesatellite.testing.SatelliteJourney;
import io.licensesatellite.testing.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A session ends on the server: a copied cookie stops working at once when its user's access changes. */
@QuarkusTest
class SessionRevocationTest extends SatelliteJourney {
    @Inject
    LoginThrottle throttle;

    @BeforeEach
    void cleanSlate() {
        throttle.forgetAll();
    }

    private record User(String name, String password) {}

    private User operator() {
        String name = "ops-" + UUID.randomUUID().toString().substring(0, 8);
        return new User(name, api.createUser(name, "OPERATOR", null));
    }

    /** The cookie as an attacker who copied it would use it: same value, no CSRF header needed for reads. */
    private RequestSpecification copied(AdminApi.Session session) {
        return api.anonymous().cookie("ls_session", session.cookie());
    }

    private void endsEverySessionOfTheUser(Consumer<User> change) {
        User user = operator();
        AdminApi.Session one = api.login(user.name(), user.password());
        AdminApi.Session two = api.login(user.name(), user.password());
        copied(one).get("/api/v1/virtual-accounts").then().statusCode(200);
        copied(two).get("/api/v1/virtual-accounts").then().statusCode(200);
        change.accept(user);
        copied(one).get("/api/v1/virtual-accounts").then().statusCode(401);
        copied(two).get("/api/v1/virtual-accounts").then().statusCode(401);
        copied(two).get("/api/v1/session").then().statusCode(401);
    }

    @Test
    void logoutEndsTheSessionOnTheServerAndClearsTheCookie() {
        User user = operator();
        AdminApi.Session session = api.login(user.name(), user.password());
        session.spec().delete("/api/v1/session").then().statusCode(204)
                .header("Set-Cookie", org.hamcrest.Matchers.startsWith("ls_session=; Path=/; Max-Age=0"));
        copied(session).get("/api/v1/virtual-accounts").then().statusCode(401);
    }

    @Test
    void aPasswordChangeEndsEveryOtherSession() {
        User user = operator();
        AdminApi.Session other = api.login(user.name(), user.password());
        AdminApi.Session changing = api.login(user.name(), user.password());
        changing.spec().body(Map.of("currentPassword", user.password(), "newPassword", AdminApi.strongPassword()))
                .post("/api/v1/session/password").then().statusCode(200);
        copied(other).get("/api/v1/virtual-accounts").then().statusCode(401);
        copied(changing).get("/api/v1/virtual-accounts").then().statusCode(401);
    }

    @Test
    void aRoleChangeEndsEverySession() {
        endsEverySessionOfTheUser(u -> api.asAdmin().body(Map.of("role", "VIEWER", "enabled", true))
                .put("/api/v1/users/" + u.name()).then().statusCode(200).body("role", equalTo("VIEWER")));
    }

    @Test
    void disablingAUserEndsEverySessionAndRefusesItsLogin() {
        endsEverySessionOfTheUser(u -> api.asAdmin().body(Map.of("role", "OPERATOR", "enabled", false))
                .put("/api/v1/users/" + u.name()).then().statusCode(200).body("enabled", equalTo(false)));
    }

    @Test
    void deletingAUserEndsEverySession() {
        endsEverySessionOfTheUser(u -> api.asAdmin().delete("/api/v1/users/" + u.name()).then().statusCode(204));
    }

    @Test
    void aResetByAnotherAdministratorEndsEverySessionAndForcesAChange() {
        String temporary = AdminApi.strongPassword();
        User[] reset = new User[1];
        endsEverySessionOfTheUser(u -> {
            reset[0] = u;
            api.asAdmin().body(Map.of("temporaryPassword", temporary)).post("/api/v1/users/" + u.name() + "/password")
                    .then().statusCode(200).body("mustChangePassword", equalTo(true));
        });
        api.login(reset[0].name(), temporary).spec().get("/api/v1/virtual-accounts").then().statusCode(403)
                .body("type", equalTo("https://license-satellite.io/problems/password-change-required"));
    }

    @Test
    void anIdleSessionEndsAfterThirtyMinutes() {
        User user = operator();
        AdminApi.Session session = api.login(user.name(), user.password());
        TestClock.CLOCK.advance(Duration.ofMinutes(20));
        copied(session).get("/api/v1/session").then().statusCode(200);
        TestClock.CLOCK.advance(Duration.ofMinutes(20));
        copied(session).get("/api/v1/session").then().statusCode(200);
        TestClock.CLOCK.advance(Duration.ofMinutes(31));
        copied(session).get("/api/v1/session").then().statusCode(401);
    }

    @Test
    void aBusySessionStillEndsTwelveHoursAfterLogin() {
        User user = operator();
        AdminApi.Session session = api.login(user.name(), user.password());
        for (int i = 0; i < 35; i++) {
            TestClock.CLOCK.advance(Duration.ofMinutes(20));
            copied(session).get("/api/v1/virtual-accounts").then().statusCode(200);
        }
        TestClock.CLOCK.advance(Duration.ofMinutes(20));
        copied(session).get("/api/v1/virtual-accounts").then().statusCode(401);
    }
}
