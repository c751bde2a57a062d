package io.licensesatellite.sync.file;

import static io.licensesatellite.sync.file.HostileFiles.*;
import static io.licensesatellite.sync.file.SyncFileFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.licensesatellite.sync.file.SyncFileException.Reason;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The caller decides who may sign; registrations must be self-signed by the key their CSR certifies. */
class SignerTrustTest {

    @Test
    void aValidFileFromAnUntrustedSignerIsRefusedWithTheCallersReason() {
        byte[] response = files().writeResponse(aResponse(), STRANGER.keys().getPrivate(), STRANGER.certificate());
        assertThatThrownBy(() -> files().readResponse(response, UPSTREAM.trust()))
                .isInstanceOfSatisfying(SyncFileException.class, e -> assertThat(e.reason()).isEqualTo(Reason.SIGNER_NOT_TRUSTED))
                .hasMessageContaining("CN=someone else, which is not trusted here");
    }

    @Test
    void trustIsAskedBeforeTheSignatureIsChecked() {
        AtomicBoolean asked = new AtomicBoolean();
        byte[] tampered = withByteChanged(aSignedRequest(), 300);
        assertThatThrownBy(() -> files().readRequest(tampered, signer -> asked.set(true)))
                .isInstanceOfSatisfying(SyncFileException.class, e -> assertThat(e.reason()).isEqualTo(Reason.SIGNATURE_MISMATCH));
        assertThat(asked).isTrue();
    }

    @Test
    void aRegistrationSignedWithACertificateIssuedBySomeoneElseIsRefused() throws Exception {
        TestSigner issued = TestSigner.issuedBy(UPSTREAM, SATELLITE_ID);
        byte[] body = utf8(signedPart(files().writeRegistration(aRegistration(), SATELLITE.keys().getPrivate(), SATELLITE.certificate())));
        byte[] raw = SignatureBlock.append(body, issued.keys().getPrivate(), issued.certificate());
        assertThatThrownBy(() -> files().readRegistration(raw))
                .isInstanceOfSatisfying(SyncFileException.class, e -> assertThat(e.reason()).isEqualTo(Reason.SIGNER_NOT_TRUSTED))
                .hasMessageContaining("must be signed with a self-signed certificate of the satellite's key");
    }

    @Test
    void aRegistrationWhoseCsrIsForAnotherKeyIsRefused() {
        RegistrationFile theirs = aRegistration();
        RegistrationFile forged = new RegistrationFile(1, SATELLITE_ID, "lab-satellite", "0.1.0", CREATED, STRANGER.csrPem(SATELLITE_ID));
        byte[] body = utf8(signedPart(files().writeRegistration(theirs, SATELLITE.keys().getPrivate(), SATELLITE.certificate()))
                .replace(theirs.csrPem().replace("\n", "\n  ").stripTrailing(), forged.csrPem().replace("\n", "\n  ").stripTrailing()));
        assertThatThrownBy(() -> files().readRegistration(SATELLITE.sign(body)))
                .isInstanceOfSatisfying(SyncFileException.class, e -> assertThat(e.reason()).isEqualTo(Reason.SIGNER_NOT_TRUSTED))
                .hasMessageContaining("is for another key than the certificate that signed the file");
    }

    @Test
    void aRegistrationWhoseCsrNamesAnotherSatelliteIsRefused() {
        String other = "00000000-0000-4000-8000-000000000000";
        RegistrationFile theirs = aRegistration();
        byte[] body = utf8(signedPart(files().writeRegistration(theirs, SATELLITE.keys().getPrivate(), SATELLITE.certificate()))
                .replace(theirs.csrPem().replace("\n", "\n  ").stripTrailing(), SATELLITE.csrPem(other).replace("\n", "\n  ").stripTrailing()));
        assertThatThrownBy(() -> files().readRegistration(SATELLITE.sign(body)))
                .isInstanceOfSatisfying(SyncFileException.class, e -> assertThat(e.reason()).isEqualTo(Reason.SIGNER_NOT_TRUSTED))
                .hasMessageContaining("names CN=" + other + " where the satellite id " + SATELLITE_ID + " is expected");
    }

    @Test
    void aRegistrationWhoseCsrIsNotACsrIsInvalid() {
        RegistrationFile theirs = aRegistration();
        byte[] body = utf8(signedPart(files().writeRegistration(theirs, SATELLITE.keys().getPrivate(), SATELLITE.certificate()))
                .replace(theirs.csrPem().replace("\n", "\n  ").stripTrailing(), SATELLITE.certificatePem().replace("\n", "\n  ").stripTrailing()));
        assertThatThrownBy(() -> files().readRegistration(SATELLITE.sign(body)))
                .isInstanceOfSatisfying(SyncFileException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID))
                .hasMessageContaining("csr: expected a PEM certificate request");
    }

    @Test
    void theWriterRefusesToSignARegistrationWithAKeyOtherThanTheCsrs() {
        RegistrationFile forged = new RegistrationFile(1, SATELLITE_ID, "lab-satellite", "0.1.0", CREATED, STRANGER.csrPem(SATELLITE_ID));
        assertThatThrownBy(() -> files().writeRegistration(forged, SATELLITE.keys().getPrivate(), SATELLITE.certificate()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("for another key");
    }
}
