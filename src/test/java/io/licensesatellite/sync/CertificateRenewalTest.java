package io.licensesatellite.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.licensesatellite.testing.SatelliteJourney;
import io.licensesatellite.testing.TestClock;
import io.licensesatellite.testing.UpstreamLab;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The satellite's certificate from the upstream is renewed through sync before it expires, so the satellite never
 * signs with an expired certificate. The renewal window is widened here so the first sync is already inside it.
 */
@QuarkusTest
@TestProfile(CertificateRenewalTest.RenewAlways.class)
class CertificateRenewalTest extends SatelliteJourney {

    public static class RenewAlways implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("satellite.sync.certificate-renew-before", "P400D", "satellite.sync.certificate-warning", "P400D");
        }
    }

    @Test
    void aSyncInsideTheRenewalWindowBringsARenewedCertificate() {
        UpstreamLab lab = UpstreamLab.shared();
        lab.ensureRegistered(api);
        Instant before = Instant.parse(api.asAdmin().get("/api/v1/sync").then().extract().path("upstream.certificateNotAfter"));
        assertThat(api.asAdmin().get("/api/v1/alerts").then().extract().jsonPath().getList("items.code", String.class))
                .contains("SATELLITE_CERTIFICATE_EXPIRING");

        TestClock.CLOCK.advance(Duration.ofDays(2));
        byte[] request = lab.downloadRequest(api, "standard").then().statusCode(200).extract().asByteArray();
        assertThat(new String(request, StandardCharsets.UTF_8)).contains("certificate_renewal: |");
        byte[] response = lab.emulator().answer(request).responseFile();
        assertThat(new String(response, StandardCharsets.UTF_8)).contains("renewed_certificate: |");
        lab.upload(api, response).then().statusCode(200).body("certificateRenewed", org.hamcrest.Matchers.equalTo(true));

        Instant after = Instant.parse(api.asAdmin().get("/api/v1/sync").then().extract().path("upstream.certificateNotAfter"));
        assertThat(after).isAfter(before.plus(Duration.ofDays(1)));

        // The renewed certificate is the one the next request is signed with, and the upstream accepts it.
        byte[] next = lab.downloadRequest(api, "standard").then().statusCode(200).extract().asByteArray();
        lab.upload(api, lab.emulator().answer(next).responseFile()).then().statusCode(200);
    }
}
