package io.licensesatellite.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.licensesatellite.testing.SatelliteJourney;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AdminApiAuthenticationTest extends SatelliteJourney {
    @Test
    void firstStartWritesAnOwnerOnlyInitialSecretAndThereIsNoDefaultPassword() throws Exception {
        Path file = Path.of(config.dataDir(), "initial-admin-password");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        for (String dir : new String[] {"", "db", "tls", "pki"}) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(Path.of(config.dataDir(), dir))))
                    .as("data directory " + dir).isEqualTo("rwx------");
        }
        assertThat(api.initialSecret()).hasSizeGreaterThanOrEqualTo(32);
        api.anonymous().auth().preemptive().basic("admin", "Admin!23").get("/api/v1/virtual-accounts")
                .then().statusCode(401);
        api.anonymous().auth().preemptive().basic("Admin", "Admin!23").get("/api/v1/virtual-accounts")
                .then().statusCode(401);
    }

    @Test
    void callsWithoutCredentialsGetAProblemAndABasicChallenge() {
        api.anonymous().get("/api/v1/virtual-accounts").then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", startsWith("Basic realm="))
                .body("type", equalTo("https://license-satellite.io/problems/unauthenticated"))
                .body("status", equalTo(401));
    }

    @Test
    void theInitialSecretOpensTheApi() {
        api.asAdmin().get("/api/v1/virtual-accounts").then().statusCode(200);
    }

    @Test
    void theLogNeverContainsTheSecret() throws Exception {
        String secret = api.initialSecret();
        api.asAdmin().get("/api/v1/virtual-accounts").then().statusCode(200);
        String log = Files.readString(Path.of("target", "quarkus-test.log"));
        assertThat(log).contains("initial-admin-password").doesNotContain(secret);
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
                .body("paths.'/api/v1/product-instances'", org.hamcrest.Matchers.notNullValue());
    }
}
