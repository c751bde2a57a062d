package io.licensesatellite.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.licensesatellite.platform.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InitTest {
    @TempDir
    Path dir;
    final MutableClock clock = UpstreamFixtures.clock();

    @Test
    void initCreatesATenYearCaWithASignerAndATlsCertificateIssuedByIt() throws Exception {
        Path state = dir.resolve("state");
        UpstreamEmulator emulator = new UpstreamEmulator(state, clock);

        UpstreamEmulator.Initialised initialised = emulator.init(null, List.of("upstream.lab"));

        assertThat(initialised.created()).hasSize(5);
        X509Certificate ca = emulator.caCertificate();
        assertThat(Duration.between(clock.instant(), ca.getNotAfter().toInstant())).isEqualTo(Duration.ofDays(3650));
        assertThat(ca.getBasicConstraints()).isZero();
        X509Certificate signer = PlayedSatellite.parse(Files.readString(state.resolve("signer.pem")));
        signer.verify(ca.getPublicKey());
        X509Certificate tls = PlayedSatellite.parse(Files.readString(state.resolve("tls.pem")));
        tls.verify(ca.getPublicKey());
        assertThat(tls.getSubjectAlternativeNames().stream().map(entry -> String.valueOf(entry.get(1))))
                .containsExactly("127.0.0.1", "localhost", "upstream.lab");
        assertThat(tls.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
        for (String key : List.of("ca-key.pem", "signer-key.pem", "tls-key.pem")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(state.resolve(key)))).as(key).isEqualTo("rw-------");
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(state))).isEqualTo("rwx------");
        assertThat(emulator.accounts().smartAccounts()).isNotEmpty();
    }

    @Test
    void initAgainKeepsEverythingAndNewTlsNamesReissueOnlyTheTlsCertificate() throws Exception {
        Path state = dir.resolve("state");
        UpstreamEmulator emulator = new UpstreamEmulator(state, clock);
        emulator.init();
        String ca = Files.readString(state.resolve("ca.pem"));
        String signer = Files.readString(state.resolve("signer.pem"));
        String tls = Files.readString(state.resolve("tls.pem"));

        assertThat(emulator.init().created()).isEmpty();
        assertThat(Files.readString(state.resolve("tls.pem"))).isEqualTo(tls);

        assertThat(emulator.init(null, List.of("upstream.lab")).created()).singleElement().asString().startsWith("TLS certificate");
        assertThat(Files.readString(state.resolve("ca.pem"))).isEqualTo(ca);
        assertThat(Files.readString(state.resolve("signer.pem"))).isEqualTo(signer);
        assertThat(Files.readString(state.resolve("tls.pem"))).isNotEqualTo(tls);
    }

    @Test
    void theUpstreamNameGoesIntoTheFiles() {
        UpstreamEmulator emulator = new UpstreamEmulator(dir, clock);
        emulator.init("lab-cssm", List.of());
        emulator.saveAccounts(UpstreamFixtures.acme());

        PlayedSatellite satellite = PlayedSatellite.named("lab-satellite", clock);
        var registered = emulator.register(satellite.registrationFile(), "ACME Corp", List.of("Campus"), null);

        assertThat(registered.authorization().upstreamName()).isEqualTo("lab-cssm");
        assertThat(emulator.upstreamName()).isEqualTo("lab-cssm");
    }
}
