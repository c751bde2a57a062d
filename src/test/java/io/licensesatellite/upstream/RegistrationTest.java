package io.licensesatellite.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.licensesatellite.platform.MutableClock;
import io.licensesatellite.sync.file.AuthorizationFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistrationTest {
    @TempDir
    Path state;
    final MutableClock clock = UpstreamFixtures.clock();

    @Test
    void authorizationNamesTheAccountsAndCarriesACertificateOfTheSatellitesKeyFromTheCa() throws Exception {
        UpstreamEmulator emulator = UpstreamFixtures.anEmulator(state, clock);
        PlayedSatellite satellite = PlayedSatellite.named("lab-satellite", clock);

        UpstreamEmulator.Registered registered = emulator.register(satellite.registrationFile(), "ACME Corp",
                List.of("Campus", "Data Centre"), "https://127.0.0.1:9443/sync/v1/exchange");

        AuthorizationFile authorization = PlayedSatellite.FILES.readAuthorization(registered.authorizationFile(), signer -> { })
                .file();
        assertThat(authorization.satelliteId()).isEqualTo(satellite.id);
        assertThat(authorization.smartAccount()).isEqualTo("ACME Corp");
        assertThat(authorization.virtualAccounts()).containsExactly("Campus", "Data Centre");
        assertThat(authorization.upstreamName()).isEqualTo(UpstreamEmulator.DEFAULT_UPSTREAM_NAME);
        assertThat(authorization.syncUrl()).isEqualTo("https://127.0.0.1:9443/sync/v1/exchange");
        assertThat(registered.fileName()).isEqualTo("license-satellite-authorization-lab-satellite.yml");

        X509Certificate ca = PlayedSatellite.parse(authorization.upstreamCaPem());
        assertThat(ca).isEqualTo(emulator.caCertificate());
        X509Certificate issued = PlayedSatellite.parse(authorization.satelliteCertificatePem());
        issued.verify(ca.getPublicKey());
        assertThat(issued.getPublicKey()).isEqualTo(satellite.keys().getPublic());
        assertThat(issued.getSubjectX500Principal().getName()).isEqualTo("CN=" + satellite.id);
        assertThat(issued.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2");
        assertThat(issued.getKeyUsage()[0]).as("digitalSignature").isTrue();
        assertThat(Duration.between(clock.instant(), issued.getNotAfter().toInstant())).isEqualTo(Duration.ofDays(365));
    }

    @Test
    void theAuthorizationIsSignedByTheEmulatorsSignerWhichChainsToTheCa() throws Exception {
        UpstreamEmulator emulator = UpstreamFixtures.anEmulator(state, clock);
        PlayedSatellite satellite = PlayedSatellite.named("lab-satellite", clock);

        byte[] file = emulator.register(satellite.registrationFile(), "ACME Corp", List.of("Campus"), null).authorizationFile();

        X509Certificate signer = PlayedSatellite.FILES.readAuthorization(file, s -> { }).signer();
        signer.verify(emulator.caCertificate().getPublicKey());
    }

    @Test
    void anUnknownVirtualAccountIsRefusedNamingItAndTheOnesThatExist() {
        UpstreamEmulator emulator = UpstreamFixtures.anEmulator(state, clock);
        PlayedSatellite satellite = PlayedSatellite.named("lab-satellite", clock);

        assertThatThrownBy(() -> emulator.register(satellite.registrationFile(), "ACME Corp", List.of("Campus", "Branch"), null))
                .isInstanceOfSatisfying(EmulatorException.class, e -> assertThat(e.kind()).isEqualTo(EmulatorError.UNKNOWN_ACCOUNT))
                .hasMessage("Smart Account 'ACME Corp' has no Virtual Account 'Branch' (it has: 'Campus', 'Data Centre', 'Lab')");
        assertThat(emulator.satellites()).isEmpty();
    }

    @Test
    void anUnknownSmartAccountIsRefused() {
        UpstreamEmulator emulator = UpstreamFixtures.anEmulator(state, clock);
        PlayedSatellite satellite = PlayedSatellite.named("lab-satellite", clock);

        assertThatThrownBy(() -> emulator.register(satellite.registrationFile(), "Globex", List.of("Campus"), null))
                .isInstanceOf(EmulatorException.class)
                .hasMessage("accounts.yml has no Smart Account 'Globex' (it has: 'ACME Corp')");
    }

    @Test
    void aChangedRegistrationFileIsRefused() {
        UpstreamEmulator emulator = UpstreamFixtures.anEmulator(state, clock);
        PlayedSatellite satellite = PlayedSatellite.named("lab-satellite", clock);
        byte[] tampered = new String(satellite.registrationFile(), StandardCharsets.UTF_8)
                .replace("lab-satellite", "lab-satellitX").getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> emulator.register(tampered, "ACME Corp", List.of("Campus"), null))
                .isInstanceOfSatisfying(EmulatorException.class,
                        e -> assertThat(e.kind()).isEqualTo(EmulatorError.SIGNATURE_MISMATCH));
    }

    @Test
    void registeringAgainReissuesForTheNewKeyAndSupersedesTheOldCertificate() {
        UpstreamEmulator emulator = UpstreamFixtures.anEmulator(state, clock);
        PlayedSatellite satellite = PlayedSatellite.registered(emulator, clock, "Campus");
        byte[] signedWithOldCertificate = satellite.standard(1, null);
        X509Certificate old = satellite.certificate();

        satellite.newKey();
        UpstreamEmulator.Registered again = emulator.register(satellite.registrationFile(), "ACME Corp", List.of("Lab"), null);
        satellite.accept(again);

        assertThat(again.reRegistration()).isTrue();
        assertThat(again.satelliteId()).isEqualTo(satellite.id);
        assertThat(satellite.certificate().getPublicKey()).isEqualTo(satellite.keys().getPublic());
        SatelliteRecord record = emulator.satellite(satellite.id).orElseThrow();
        assertThat(record.virtualAccounts()).containsExactly("Lab");
        assertThat(record.registrations()).isEqualTo(2);
        assertThat(record.certificates()).hasSize(1);
        assertThatThrownBy(() -> emulator.answer(signedWithOldCertificate))
                .isInstanceOfSatisfying(EmulatorException.class,
                        e -> assertThat(e.kind()).isEqualTo(EmulatorError.CERTIFICATE_SUPERSEDED))
                .hasMessageContaining("certificate serial " + old.getSerialNumber().toString(16))
                .hasMessageContaining("registered again");
    }

    @Test
    void nothingButInitWorksOnAnEmptyStateDirectory() {
        UpstreamEmulator emulator = new UpstreamEmulator(state.resolve("empty"), clock);
        PlayedSatellite satellite = PlayedSatellite.named("lab-satellite", clock);

        assertThatThrownBy(() -> emulator.register(satellite.registrationFile(), "ACME Corp", List.of("Campus"), null))
                .isInstanceOfSatisfying(EmulatorException.class, e -> assertThat(e.kind()).isEqualTo(EmulatorError.NOT_INITIALISED))
                .hasMessageContaining("run 'init' first");
    }
}
