package io.licensesatellite.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.licensesatellite.testing.AdminApi;
import io.licensesatellite.testing.DatabaseFingerprint;
import io.licensesatellite.testing.SatelliteJourney;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A change made with the session cookie must prove it comes from the console; refused attempts change nothing. */
@QuarkusTest
class CsrfTest extends SatelliteJourney {
    private static final String CSRF = "https://license-satellite.io/problems/csrf-token-invalid";

    @Inject
    LoginThrottle throttle;

    @Inject
    DataSource dataSource;

    private AdminApi.Session admin;

    @BeforeEach
    void logIn() {
        throttle.forgetAll();
        admin = api.login("admin", api.adminPassword());
    }

    private void refusedAndChangesNothing(Function<RequestSpecification, RequestSpecification> forge) {
        String before = DatabaseFingerprint.of(dataSource);
        forge.apply(api.anonymous().cookie("ls_session", admin.cookie()))
                .body(Map.of("name", "csrf-" + UUID.randomUUID())).post("/api/v1/virtual-accounts")
                .then().statusCode(403).body("type", equalTo(CSRF));
        assertThat(DatabaseFingerprint.of(dataSource)).isEqualTo(before);
    }

    @Test
    void aChangeWithoutTheTokenIsRefused() {
        refusedAndChangesNothing(r -> r);
    }

    @Test
    void aChangeWithAWrongTokenIsRefused() {
        refusedAndChangesNothing(r -> r.header("X-CSRF-Token", admin.csrf().substring(1) + "x"));
        refusedAndChangesNothing(r -> r.header("X-CSRF-Token", ""));
    }

    @Test
    void anotherSessionsTokenDoesNotFit() {
        AdminApi.Session other = api.login("admin", api.adminPassword());
        refusedAndChangesNothing(r -> r.header("X-CSRF-Token", other.csrf()));
    }

    @Test
    void aForeignOriginOrACrossSiteFetchIsRefusedEvenWithTheToken() {
        refusedAndChangesNothing(r -> r.header("X-CSRF-Token", admin.csrf()).header("Origin", "https://evil.example"));
        refusedAndChangesNothing(r -> r.header("X-CSRF-Token", admin.csrf()).header("Sec-Fetch-Site", "cross-site"));
        api.anonymous().header("Origin", "https://evil.example")
                .body(Map.of("username", "admin", "password", api.adminPassword())).post("/api/v1/session")
                .then().statusCode(403).body("type", equalTo(CSRF));
    }

    @Test
    void theConsolesOwnRequestsPass() {
        String origin = base.toString().replaceAll("/$", "");
        admin.spec().header("Origin", origin).header("Sec-Fetch-Site", "same-origin")
                .body(Map.of("name", "csrf-ok-" + UUID.randomUUID())).post("/api/v1/virtual-accounts")
                .then().statusCode(201);
    }

    @Test
    void readsNeedNoTokenAndBearerCallsAreExempt() {
        api.anonymous().cookie("ls_session", admin.cookie()).get("/api/v1/virtual-accounts").then().statusCode(200);
        api.asAdmin().header("Origin", "https://evil.example")
                .body(Map.of("name", "bearer-" + UUID.randomUUID())).post("/api/v1/virtual-accounts").then().statusCode(201);
    }
}
