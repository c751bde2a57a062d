package io.licensesatellite.pki;

import static io.licensesatellite.pki.PkiFixtures.START_SECOND;
import static io.licensesatellite.pki.PkiFixtures.startedAuthority;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.licensesatellite.platform.MutableClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SignerRotationTest {
    private static final Duration LIFETIME = Duration.ofDays(730);
    private static final Duration ROTATE_BEFORE = Duration.ofDays(90);

    @TempDir
    Path dataDir;

    private MutableClock clock;
    private SatelliteAuthority authority;
    private String firstSerial;
    private Instant firstNotAfter;

    @BeforeEach
    void start() {
        clock = PkiFixtures.clock();
        authority = startedAuthority(dataDir, clock);
        firstSerial = authority.signerSerial();
        firstNotAfter = authority.signerNotAfter();
    }

    @Test
    void reportsTheCurrentSignerAsActive() {
        assertThat(firstNotAfter).isEqualTo(START_SECOND.plus(LIFETIME));
        assertThat(authority.signingCertificateStatus(firstSerial, clock.instant())).isEqualTo(SigningCertificateStatus.ACTIVE);
    }

    @Test
    void keepsTheSignerWhileMoreThanRotateBeforeIsLeft() {
        Instant lastDayNotDue = firstNotAfter.minus(ROTATE_BEFORE);

        assertThat(authority.rotateSignerIfDue(lastDayNotDue)).isFalse();
        assertThat(authority.signerSerial()).isEqualTo(firstSerial);
    }

    @Test
    void rotationRetiresTheOldSignerWhichStaysValidUntilItsNotAfterThenExpires() {
        clock.set(firstNotAfter.minus(ROTATE_BEFORE).plusSeconds(1));

        assertThat(authority.rotateSignerIfDue(clock.instant())).isTrue();

        String secondSerial = authority.signerSerial();
        assertThat(secondSerial).isNotEqualTo(firstSerial);
        assertThat(authority.signerNotAfter()).isEqualTo(clock.instant().plus(LIFETIME));
        assertThat(authority.signingCertificateStatus(secondSerial, clock.instant())).isEqualTo(SigningCertificateStatus.ACTIVE);
        assertThat(authority.signingCertificateStatus(firstSerial, clock.instant())).isEqualTo(SigningCertificateStatus.RETIRED_VALID);
        assertThat(authority.signingCertificateStatus(firstSerial, firstNotAfter)).isEqualTo(SigningCertificateStatus.RETIRED_VALID);
        assertThat(authority.signingCertificateStatus(firstSerial, firstNotAfter.plusSeconds(1))).isEqualTo(SigningCertificateStatus.EXPIRED);
    }

    @Test
    void signsWithTheNewSignerAfterRotation() throws Exception {
        clock.advance(LIFETIME.minus(Duration.ofDays(10)));
        authority.rotateSignerIfDue(clock.instant());

        X509Certificate signer = DeviceSignatures.parseCertificate(authority.signerCertificatePem());
        byte[] answer = "reply".getBytes(StandardCharsets.UTF_8);
        assertThat(signer.getSerialNumber().toString()).isEqualTo(authority.signerSerial());
        assertThat(DeviceSignatures.verify(signer.getPublicKey(), answer, authority.sign(answer))).isTrue();
        signer.verify(PkiFixtures.caCertificate(authority).getPublicKey(), DeviceSignatures.provider());
    }

    @Test
    void reportsASerialItNeverIssuedAsUnknown() {
        Instant now = clock.instant();

        assertThat(authority.signingCertificateStatus("123456789", now)).isEqualTo(SigningCertificateStatus.UNKNOWN);
        assertThat(authority.signingCertificateStatus("not-a-number", now)).isEqualTo(SigningCertificateStatus.UNKNOWN);
        assertThat(authority.signingCertificateStatus("-" + firstSerial, now)).isEqualTo(SigningCertificateStatus.UNKNOWN);
        assertThat(authority.signingCertificateStatus("", now)).isEqualTo(SigningCertificateStatus.UNKNOWN);
        assertThat(authority.signingCertificateStatus(null, now)).isEqualTo(SigningCertificateStatus.UNKNOWN);
    }

    @Test
    void remembersRetiredSignersAcrossRestarts() {
        clock.advance(LIFETIME.minus(Duration.ofDays(10)));
        authority.rotateSignerIfDue(clock.instant());
        String secondSerial = authority.signerSerial();

        SatelliteAuthority restarted = startedAuthority(dataDir, clock);

        assertThat(restarted.signerSerial()).isEqualTo(secondSerial);
        assertThat(restarted.signingCertificateStatus(firstSerial, clock.instant())).isEqualTo(SigningCertificateStatus.RETIRED_VALID);
        assertThat(restarted.signingCertificateStatus(firstSerial, firstNotAfter.plusSeconds(1))).isEqualTo(SigningCertificateStatus.EXPIRED);
    }

    @Test
    void deletesTheRetiredSignersKeyButKeepsItsCertificate() {
        clock.advance(LIFETIME.minus(Duration.ofDays(10)));
        authority.rotateSignerIfDue(clock.instant());

        Path pki = dataDir.resolve("pki");
        assertThat(pki.resolve("signer-" + firstSerial + ".key")).doesNotExist();
        assertThat(pki.resolve("signer-" + firstSerial + ".crt")).isRegularFile();
        assertThat(pki.resolve("signer-" + authority.signerSerial() + ".key")).isRegularFile();
    }

    @Test
    void rotatesAtStartWhenTheSatelliteWasOffPastTheRotationPoint() {
        clock.advance(Duration.ofDays(700));

        SatelliteAuthority restarted = startedAuthority(dataDir, clock);

        assertThat(restarted.signerSerial()).isNotEqualTo(firstSerial);
        assertThat(restarted.signingCertificateStatus(firstSerial, clock.instant())).isEqualTo(SigningCertificateStatus.RETIRED_VALID);
    }

    @Test
    void refusesARotateBeforeThatIsNotShorterThanTheSignerLifetime() {
        PkiConfig config = PkiFixtures.defaults().withSignerRotateBefore(LIFETIME);

        assertThatThrownBy(() -> startedAuthority(dataDir.resolve("other"), clock, config))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("signer-rotate-before");
    }
}
