package io.licensesatellite.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.licensesatellite.platform.MutableClock;
import io.licensesatellite.sync.file.SyncResponseFile;
import io.licensesatellite.sync.file.SyncResponseFile.Alert;
import io.licensesatellite.sync.file.SyncType;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificateRenewalTest {
    @TempDir
    Path state;
    final MutableClock clock = UpstreamFixtures.clock();

    @Test
    void aRenewalCsrGetsANewOneYearCertificateForTheSameKeyAndItIsRecorded() throws Exception {
        UpstreamEmulator emulator = UpstreamFixtures.anEmulator(state, clock);
        PlayedSatellite satellite = PlayedSatellite.registered(emulator, clock, "Campus");
        X509Certificate before = satellite.certificate();
        clock.advance(Duration.ofDays(200));
        var payload = satellite.payload(List.of(), List.of(), List.of(), satellite.renewalCsr());

        SyncResponseFile response = emulator.answer(satellite.request(1, SyncType.STANDARD, null, payload)).response();

        assertThat(response.renewedCertificatePem()).isNotNull();
        X509Certificate renewed = PlayedSatellite.parse(response.renewedCertificatePem());
        renewed.verify(emulator.caCertificate().getPublicKey());
        assertThat(renewed.getPublicKey()).isEqualTo(before.getPublicKey());
        assertThat(renewed.getSubjectX500Principal()).isEqualTo(before.getSubjectX500Principal());
        assertThat(renewed.getSerialNumber()).isNotEqualTo(before.getSerialNumber());
        assertThat(Duration.between(clock.instant(), renewed.getNotAfter().toInstant())).isEqualTo(Duration.ofDays(365));
        assertThat(response.alerts()).extracting(Alert::code).contains("CERTIFICATE_RENEWED");
        SatelliteRecord record = emulator.satellite(satellite.id).orElseThrow();
        assertThat(record.currentCertificate().serial()).isEqualTo(renewed.getSerialNumber().toString(16));
        assertThat(record.certificates()).extracting(SatelliteRecord.IssuedCertificate::reason)
                .containsExactly("REGISTRATION", "RENEWAL");
    }

    @Test
    void theNextRequestMaySignWithTheRenewedCertificateOrStillTheOldOne() {
        UpstreamEmulator emulator = UpstreamFixtures.anEmulator(state, clock);
        PlayedSatellite satellite = PlayedSatellite.registered(emulator, clock, "Campus");
        byte[] withOldCertificate = satellite.standard(2, 1L);
        var payload = satellite.payload(List.of(), List.of(), List.of(), satellite.renewalCsr());
        satellite.apply(emulator.answer(satellite.request(1, SyncType.STANDARD, null, payload)).response());

        assertThat(emulator.answer(satellite.standard(2, 1L)).response().renewedCertificatePem()).isNull();
        assertThat(emulator.answer(withOldCertificate).response().header().inReplyToSequence()).isEqualTo(2);
    }

    @Test
    void aCertificateEndingWithinSixtyDaysIsRenewedWithoutBeingAsked() {
        UpstreamEmulator emulator = UpstreamFixtures.anEmulator(state, clock);
        PlayedSatellite satellite = PlayedSatellite.registered(emulator, clock, "Campus");
        clock.advance(Duration.ofDays(365 - 59));

        SyncResponseFile response = emulator.answer(satellite.standard(1, null)).response();

        assertThat(response.renewedCertificatePem()).isNotNull();
        assertThat(PlayedSatellite.parse(response.renewedCertificatePem()).getPublicKey())
                .isEqualTo(satellite.keys().getPublic());
    }

    @Test
    void aCertificateWithMoreThanSixtyDaysLeftIsNotRenewedUnasked() {
        UpstreamEmulator emulator = UpstreamFixtures.anEmulator(state, clock);
        PlayedSatellite satellite = PlayedSatellite.registered(emulator, clock, "Campus");
        clock.advance(Duration.ofDays(365 - 61));

        assertThat(emulator.answer(satellite.standard(1, null)).response().renewedCertificatePem()).isNull();
    }

    @Test
    void answeringTheSameRenewalRequestAgainReturnsTheSameCertificate() {
        UpstreamEmulator emulator = UpstreamFixtures.anEmulator(state, clock);
        PlayedSatellite satellite = PlayedSatellite.registered(emulator, clock, "Campus");
        byte[] request = satellite.request(1, SyncType.STANDARD, null,
                satellite.payload(List.of(), List.of(), List.of(), satellite.renewalCsr()));

        String first = emulator.answer(request).response().renewedCertificatePem();
        String second = emulator.answer(request).response().renewedCertificatePem();

        assertThat(second).isEqualTo(first);
        assertThat(emulator.satellite(satellite.id).orElseThrow().certificates()).hasSize(2);
    }

    @Test
    void aRenewalCsrForAnotherKeyIsRefused() {
        UpstreamEmulator emulator = UpstreamFixtures.anEmulator(state, clock);
        PlayedSatellite satellite = PlayedSatellite.registered(emulator, clock, "Campus");
        String otherKeyCsr = PlayedSatellite.csr(PlayedSatellite.newKeyPair(), "CN=" + satellite.id);
        byte[] request = satellite.request(1, SyncType.STANDARD, null,
                satellite.payload(List.of(), List.of(), List.of(), otherKeyCsr));

        assertThatThrownBy(() -> emulator.answer(request))
                .isInstanceOfSatisfying(EmulatorException.class, e -> assertThat(e.kind()).isEqualTo(EmulatorError.REQUEST_REFUSED))
                .hasMessageContaining("certificate_renewal is for another key");
        assertThat(emulator.satellite(satellite.id).orElseThrow().certificates()).hasSize(1);
    }
}
