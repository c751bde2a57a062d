package io.licensesatellite.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.licensesatellite.testing.AdminApi;
import io.licensesatellite.testing.SatelliteJourney;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AdminApiAuthenticationTest extends SatelliteJourney {
    @Inject
    LoginThrottle throttle;

    @BeforeEach
    void cleanSlate() {
        throttle.forgetAll();
    }

    @Test
    void firstStartWritesAnOwnerOnlyInitialSecretAndThereIsNoDefaultPassword() throws Exception {
        Path file = Path.of(config.dataDir(), "initial-admin-password");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        for (String dir : new String[] {"", "db", "tls", "pki"}) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(Path.of(config.dataDir(), dir))))
                    .as("data directory " + dir).isEqualTo("rwx------");
        }
        assertThat(api.initialSecret()).hasSizeGreaterThanOrEqualTo(32);
        for (String[] guess : new String[][] {{"admin", "Admin!23"}, {"Admin", "Admin!23"}, {"admin", "admin"}, {"admin", ""}}) {
            api.anonymous().body(Map.of("username", guess[0], "password", guess[1])).post("/api/v1/session")
                    .then().statusCode(401).body("type", equalTo("https://license-satellite.io/problems/login-failed"));
        }
    }

    @Test
    void callsWithoutCredentialsGetAProblemAndABearerChallengeNeverBasic() {
        api.anonymous().get("/api/v1/virtual-accounts").then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", equalTo("Bearer realm=\"License Satellite\""))
                .body("type", equalTo("https://license-satellite.io/problems/unauthenticated"))
                .body("status", equalTo(401));
    }

    @Test
    void httpBasicIsNoLongerAccepted() {
        api.asAdmin().get("/api/v1/virtual-accounts").then().statusCode(200);
        String basic = "Basic " + Base64.getEncoder().encodeToString(("admin:" + api.adminPassword()).getBytes(StandardCharsets.UTF_8));
        api.anonymous().header("Authorization", basic).get("/api/v1/virtual-accounts").then().statusCode(401)
                .header("WWW-Authenticate", startsWith("Bearer "));
    }

    @Test
    void unknownUnrevokedBearerTokensAreRefused() {
        api.anonymous().header("Authorization", "Bearer lsc_0000000000000000_" + "A".repeat(43))
                .get("/api/v1/virtual-accounts").then().statusCode(401);
        api.anonymous().header("Authorization", "Bearer nonsense").get("/api/v1/virtual-accounts").then().statusCode(401);
    }

    @Test
    void theAdministratorsSessionOpensTheApi() {
        api.asUser("admin", api.adminPassword()).get("/api/v1/virtual-accounts").then().statusCode(200);
    }

    @Test
    void theLogNeverContainsTheSecrets() throws Exception {
        String secret = api.initialSecret();
        api.asAdmin().get("/api/v1/virtual-accounts").then().statusCode(200);
        String log = Files.readString(Path.of("target", "quarkus-test.log"));
        assertThat(log).contains("initial-admin-password").doesNotContain(secret).doesNotContain(api.adminPassword());
        assertThat(Files.readString(Path.of(config.dataDir(), "initial-admin-password"))).contains(secret);
    }

    @Test
    void unknownPathsAnswerWithAProblemBody() {
        api.asAdmin().get("/api/v1/no-such-thing").then().statusCode(404)
                .contentType("application/problem+json").body("status", equalTo(404));
    }

    @Test
    void theOpenApiDocumentDescribesTheAdminApi() {
        api.anonymous().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths.'/api/v1/virtual-accounts'", org.hamcrest.Matchers.notNullValue())
                .body("paths.'/api/v1/virtual-accounts/{id}/tokens'", org.hamcrest.Matchers.notNullValue())
                .body("paths.'/api/v1/session'", org.hamcrest.Matchers.notNullValue())
                .body("paths.'/api/v1/product-instances'", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void theTestAutomationActsAsAnApiClient() {
        assertThat(AdminApi.TEST_CLIENT_ACTOR).startsWith("api-client:");
        api.asAdmin().get("/api/v1/api-clients").then().statusCode(200)
                .body("items.find { it.name == '" + AdminApi.TEST_CLIENT + "' }.scopes.size()", equalTo(9));
    }
}
