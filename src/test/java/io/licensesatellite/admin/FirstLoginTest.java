package io.licensesatellite.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import io.licensesatellite.testing.AdminApi;
import io.licensesatellite.testing.FreshSatellite;
import io.licensesatellite.testing.SatelliteJourney;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The initial administrator logs in with the secret from the data directory exactly once through a forced change. */
@QuarkusTest
@TestProfile(FreshSatellite.class)
class FirstLoginTest extends SatelliteJourney {
    private static final String PROBLEMS = "https://license-satellite.io/problems/";

    @Test
    void theInitialSecretOpensOnlyTheOwnSessionUntilTheAdministratorChoosesAStrongPassword() {
        String secret = api.initialSecret();
        Response login = api.anonymous().body(Map.of("username", "admin", "password", secret)).post("/api/v1/session");
        login.then().statusCode(200)
                .body("username", equalTo("admin"))
                .body("role", equalTo("SYSADMIN"))
                .body("mustChangePassword", equalTo(true))
                .body("permissions", hasItems("USERS_WRITE", "AUDIT_READ", "SELF"))
                .body("idleTimeoutSeconds", equalTo(1800));
        String setCookie = login.getHeader("Set-Cookie");
        assertThat(setCookie).matches("ls_session=[A-Za-z0-9_-]{43}; Path=/; Secure; HttpOnly; SameSite=Strict");
        AdminApi.Session first = api.session(login);

        // Nothing but the own session until the password is changed, not even reading.
        for (String path : new String[] {"/api/v1/virtual-accounts", "/api/v1/users", "/api/v1/sync"}) {
            first.spec().get(path).then().statusCode(403)
                    .body("type", equalTo(PROBLEMS + "password-change-required"));
        }
        first.spec().body(Map.of("name", "too-early")).post("/api/v1/api-clients").then().statusCode(403)
                .body("type", equalTo(PROBLEMS + "password-change-required"));
        first.spec().get("/api/v1/session").then().statusCode(200).body("mustChangePassword", equalTo(true));

        // Weak choices are refused with the reason, and change nothing.
        Map<String, String> weak = Map.of(
                "Admin!23", "at least 12 characters",
                "Password123!", "common password",
                "Satellite2026!", "common password",
                "P@ssw0rd2026!!", "common password",
                "my-admin-password-1", "must not contain the username",
                "qwertyuiop123", "common password",
                "aaaaaaaaaaaaaaaa", "too few different characters");
        weak.forEach((candidate, why) -> first.spec()
                .body(Map.of("currentPassword", secret, "newPassword", candidate)).post("/api/v1/session/password")
                .then().statusCode(400).body("type", equalTo(PROBLEMS + "password-too-weak"))
                .body("detail", containsString(why)));
        first.spec().body(Map.of("currentPassword", secret, "newPassword", secret)).post("/api/v1/session/password")
                .then().statusCode(400).body("type", equalTo(PROBLEMS + "password-too-weak"));
        first.spec().body(Map.of("currentPassword", "not-the-secret", "newPassword", AdminApi.strongPassword()))
                .post("/api/v1/session/password").then().statusCode(400).body("errors[0].field", equalTo("currentPassword"));
        // The change needs the CSRF header like any change made with the cookie.
        api.anonymous().cookie("ls_session", first.cookie())
                .body(Map.of("currentPassword", secret, "newPassword", AdminApi.strongPassword()))
                .post("/api/v1/session/password").then().statusCode(403).body("type", equalTo(PROBLEMS + "csrf-token-invalid"));
        first.spec().get("/api/v1/virtual-accounts").then().statusCode(403);

        String chosen = AdminApi.strongPassword();
        Response changed = first.spec().body(Map.of("currentPassword", secret, "newPassword", chosen))
                .post("/api/v1/session/password");
        changed.then().statusCode(200).body("mustChangePassword", equalTo(false));
        AdminApi.Session second = api.session(changed);
        assertThat(second.cookie()).isNotEqualTo(first.cookie());
        assertThat(second.csrf()).isNotEqualTo(first.csrf());

        // The session that changed it was replaced; the new one has every permission.
        first.spec().get("/api/v1/session").then().statusCode(401);
        second.spec().get("/api/v1/virtual-accounts").then().statusCode(200);
        second.spec().get("/api/v1/users").then().statusCode(200).body("items[0].mustChangePassword", equalTo(false));

        // The initial secret was good for exactly this once.
        api.anonymous().body(Map.of("username", "admin", "password", secret)).post("/api/v1/session")
                .then().statusCode(401).body("type", equalTo(PROBLEMS + "login-failed"));
        api.anonymous().body(Map.of("username", "admin", "password", chosen)).post("/api/v1/session")
                .then().statusCode(200).body("mustChangePassword", equalTo(false));
    }
}
