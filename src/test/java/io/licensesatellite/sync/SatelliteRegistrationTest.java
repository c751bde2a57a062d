package io.licensesatellite.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.licensesatellite.testing.DatabaseFingerprint;
import io.licensesatellite.testing.SatelliteJourney;
import io.licensesatellite.testing.TestClock;
import io.licensesatellite.testing.UpstreamLab;
import io.licensesatellite.upstream.Accounts;
import io.licensesatellite.upstream.UpstreamEmulator;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The satellite is registered with its upstream once, by a file out and a file back. */
@QuarkusTest
class SatelliteRegistrationTest extends SatelliteJourney {
    @Inject
    DataSource dataSource;

    UpstreamLab lab;

    @BeforeEach
    void lab() {
        lab = UpstreamLab.shared();
    }

    @Test
    void theRegistrationFileNamesThisSatelliteAndCarriesItsKey() {
        var response = api.asAdmin().get("/api/v1/sync/registration-file");
        response.then().statusCode(200).contentType("application/yaml")
                .header("Content-Disposition", org.hamcrest.Matchers.startsWith("attachment; filename=\"license-satellite-registration-"));
        String id = api.asAdmin().get("/api/v1/sync").then().extract().path("satelliteId");
        assertThat(response.asString()).contains("kind: registration").contains(id)
                .contains("-----BEGIN CERTIFICATE REQUEST-----").contains("--- # signature\n");
    }

    @Test
    void theAuthorizationFileBindsTheSatelliteAndAssignsItsAccounts() {
        lab.ensureRegistered(api);
        JsonPath status = api.asAdmin().get("/api/v1/sync").then().statusCode(200).extract().jsonPath();
        assertThat(status.getBoolean("registered")).isTrue();
        assertThat(status.getString("upstream.name")).isEqualTo(lab.emulator().upstreamName());
        assertThat(status.getString("upstream.smartAccount")).isEqualTo(UpstreamLab.SMART_ACCOUNT);
        assertThat(status.getList("upstream.virtualAccounts", String.class)).contains(UpstreamLab.CAMPUS, UpstreamLab.DATA_CENTRE);
        assertThat(Instant.parse(status.getString("upstream.certificateNotAfter"))).isAfter(TestClock.CLOCK.instant().plus(300, ChronoUnit.DAYS));
        api.asAdmin().get("/api/v1/smart-account").then().statusCode(200)
                .body("name", org.hamcrest.Matchers.equalTo(UpstreamLab.SMART_ACCOUNT));
        assertThat(api.asAdmin().queryParam("name", UpstreamLab.CAMPUS)
                .get("/api/v1/virtual-accounts").then().extract().jsonPath()
                .getBoolean("items.find { it.name == '" + UpstreamLab.CAMPUS + "' }.upstreamManaged")).isTrue();
    }

    @Test
    void uploadingTheSameAuthorizationAgainChangesNothing() {
        lab.ensureRegistered(api);
            String boundDigestBefore = DatabaseFingerprint.of(dataSource);
        byte[] authorization = lab.lastAuthorization();
        api.asAdmin().contentType("application/yaml").body(authorization).post("/api/v1/sync/authorization-file")
                .then().statusCode(200).body("changed", org.hamcrest.Matchers.equalTo(false));
        assertThat(DatabaseFingerprint.of(dataSource)).isEqualTo(boundDigestBefore);
    }

    @Test
    void anAuthorizationForAnotherSatelliteIsRefused() throws Exception {
        lab.ensureRegistered(api);
        // Another satellite registers with our upstream; its authorization is brought here by mistake.
        byte[] otherRegistration = OtherSatellite.registrationFile();
        byte[] foreign = lab.emulator().register(otherRegistration, UpstreamLab.SMART_ACCOUNT, List.of(UpstreamLab.CAMPUS), null)
                .authorizationFile();
        String before = DatabaseFingerprint.of(dataSource);
        api.asAdmin().contentType("application/yaml").body(foreign).post("/api/v1/sync/authorization-file")
                .then().statusCode(422).contentType("application/problem+json")
                .body("type", org.hamcrest.Matchers.endsWith("/sync-file-other-satellite"))
                .body("detail", org.hamcrest.Matchers.containsString("this satellite is"));
        assertThat(DatabaseFingerprint.of(dataSource)).isEqualTo(before);
    }

    @Test
    void onceBoundAnAuthorizationFromAnotherUpstreamIsRefused(@TempDir Path otherState) {
        lab.ensureRegistered(api);
        UpstreamEmulator other = new UpstreamEmulator(otherState, TestClock.CLOCK);
        other.init();
        other.saveAccounts(new Accounts(List.of(new Accounts.SmartAccount("Other", List.of(
                new Accounts.VirtualAccount("Other VA", null, List.of()))))));
        byte[] authorization = other.register(lab.registrationFile(api), "Other", List.of("Other VA"), null).authorizationFile();
        String before = DatabaseFingerprint.of(dataSource);
        api.asAdmin().contentType("application/yaml").body(authorization).post("/api/v1/sync/authorization-file")
                .then().statusCode(422).body("type", org.hamcrest.Matchers.endsWith("/sync-file-signer-not-trusted"));
        assertThat(DatabaseFingerprint.of(dataSource)).isEqualTo(before);
    }

    @Test
    void aSyncBeforeRegistrationIsExplained() {
        // Only meaningful while unbound; once any test has bound the satellite, the refusal cannot be provoked.
        boolean registered = api.asAdmin().get("/api/v1/sync").then().extract().path("registered");
        if (registered) {
            return;
        }
        api.asAdmin().post("/api/v1/sync/requests").then().statusCode(409)
                .body("type", org.hamcrest.Matchers.endsWith("/satellite-not-registered"));
    }

    /** A second satellite: its own key, id and registration file, written with the codec as a satellite would. */
    static final class OtherSatellite {
        static byte[] registrationFile() throws Exception {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair keys = generator.generateKeyPair();
            String id = java.util.UUID.randomUUID().toString();
            return io.licensesatellite.testing.SatelliteFiles.registration(id, "other-satellite", keys,
                    TestClock.CLOCK.instant().truncatedTo(ChronoUnit.SECONDS));
        }
    }
}
