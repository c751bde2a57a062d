package io.licensesatellite.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.licensesatellite.testing.SatelliteJourney;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

/** Every admin-door response carries the security headers: API answers, static files, errors. */
@QuarkusTest
class SecurityHeadersTest extends SatelliteJourney {
    private static void hasSecurityHeaders(Response response, boolean api) {
        assertThat(response.getHeader("Content-Security-Policy")).isEqualTo("default-src 'self'; script-src 'self'; "
                + "style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; "
                + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'");
        assertThat(response.getHeader("Strict-Transport-Security")).isEqualTo("max-age=31536000");
        assertThat(response.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(response.getHeader("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(response.getHeader("X-Frame-Options")).isEqualTo("DENY");
        assertThat(response.getHeader("Permissions-Policy")).contains("camera=()").contains("geolocation=()");
        if (api) {
            assertThat(response.getHeader("Cache-Control")).isEqualTo("no-store");
        }
    }

    @Test
    void apiAnswersCarryTheHeadersAndAreNotCached() {
        Response ok = api.asAdmin().get("/api/v1/virtual-accounts");
        assertThat(ok.statusCode()).isEqualTo(200);
        hasSecurityHeaders(ok, true);
    }

    @Test
    void errorsCarryTheHeaders() {
        Response unauthenticated = api.anonymous().get("/api/v1/virtual-accounts");
        assertThat(unauthenticated.statusCode()).isEqualTo(401);
        hasSecurityHeaders(unauthenticated, true);
        Response missing = api.asAdmin().get("/api/v1/no-such-thing");
        assertThat(missing.statusCode()).isEqualTo(404);
        hasSecurityHeaders(missing, true);
        Response noFile = api.anonymous().get("/no-such-file.js");
        assertThat(noFile.statusCode()).isEqualTo(404);
        hasSecurityHeaders(noFile, false);
    }

    @Test
    void staticFilesAndOperationsEndpointsCarryTheHeaders() {
        Response file = api.anonymous().get("/security-headers-probe.html");
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.asString()).contains("probe");
        hasSecurityHeaders(file, false);
        Response health = api.anonymous().get("/q/health/ready");
        hasSecurityHeaders(health, false);
    }
}
