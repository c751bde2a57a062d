package io.licensesatellite.pki;

import static io.licensesatellite.pki.PkiFixtures.SATELLITE_NAME;
import static io.licensesatellite.pki.PkiFixtures.clock;
import static io.licensesatellite.pki.PkiFixtures.startedAuthority;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FirstStartAndReloadTest {
    @TempDir
    Path dataDir;

    @Test
    void createsCaAndSignerFilesOnFirstStart() {
        SatelliteAuthority authority = startedAuthority(dataDir, clock());

        Path pki = dataDir.resolve("pki");
        assertThat(authority.directory()).isEqualTo(pki);
        assertThat(pki.resolve("ca.key")).isRegularFile();
        assertThat(pki.resolve("ca.crt")).isRegularFile();
        assertThat(pki.resolve("signers.properties")).isRegularFile();
        assertThat(pki.resolve("signer-" + authority.signerSerial() + ".key")).isRegularFile();
        assertThat(pki.resolve("signer-" + authority.signerSerial() + ".crt")).isRegularFile();
    }

    @Test
    void loadsTheSameCaAndSignerOnSecondStart() {
        SatelliteAuthority first = startedAuthority(dataDir, clock());
        SatelliteAuthority second = startedAuthority(dataDir, clock());

        assertThat(second.caCertificatePem()).isEqualTo(first.caCertificatePem());
        assertThat(PkiFixtures.caCertificate(second).getSerialNumber()).isEqualTo(PkiFixtures.caCertificate(first).getSerialNumber());
        assertThat(second.signerSerial()).isEqualTo(first.signerSerial());
        assertThat(second.signerCertificatePem()).isEqualTo(first.signerCertificatePem());
        assertThat(second.signerNotAfter()).isEqualTo(first.signerNotAfter());
        byte[] answer = "reply".getBytes(StandardCharsets.UTF_8);
        X509Certificate signer = DeviceSignatures.parseCertificate(first.signerCertificatePem());
        assertThat(DeviceSignatures.verify(signer.getPublicKey(), answer, second.sign(answer))).isTrue();
    }

    @Test
    void keepsPrivateKeyFilesReadableByTheOwnerOnly() throws IOException {
        assumeTrue(dataDir.getFileSystem().supportedFileAttributeViews().contains("posix"));
        SatelliteAuthority authority = startedAuthority(dataDir, clock());

        Path pki = dataDir.resolve("pki");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(pki.resolve("ca.key")))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(
                pki.resolve("signer-" + authority.signerSerial() + ".key")))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(pki))).isEqualTo("rwx------");
    }

    @Test
    void writesPkcs8PemKeysAndLeavesNoTemporaryFiles() throws IOException {
        startedAuthority(dataDir, clock());

        Path pki = dataDir.resolve("pki");
        assertThat(Files.readString(pki.resolve("ca.key"))).startsWith("-----BEGIN PRIVATE KEY-----");
        try (Stream<Path> files = Files.list(pki)) {
            assertThat(files.map(file -> file.getFileName().toString())).noneMatch(name -> name.endsWith(".tmp"));
        }
    }

    @Test
    void createsASelfSignedCaNamedAfterTheSatellite() throws Exception {
        SatelliteAuthority authority = startedAuthority(dataDir, clock());

        X509Certificate ca = PkiFixtures.caCertificate(authority);
        ca.verify(ca.getPublicKey(), DeviceSignatures.provider());
        assertThat(ca.getSubjectX500Principal()).isEqualTo(ca.getIssuerX500Principal());
        assertThat(ca.getSubjectX500Principal().getName()).contains("CN=License Satellite CA " + SATELLITE_NAME);
        assertThat(ca.getBasicConstraints()).isGreaterThanOrEqualTo(0);
        assertThat(ca.getCriticalExtensionOIDs()).contains("2.5.29.19", "2.5.29.15");
        boolean[] keyUsage = ca.getKeyUsage();
        assertThat(keyUsage[5]).as("keyCertSign").isTrue();
        assertThat(keyUsage[6]).as("cRLSign").isTrue();
        assertThat(ca.getExtensionValue("2.5.29.14")).as("subject key identifier").isNotNull();
        assertThat(ca.getPublicKey().getAlgorithm()).isIn("EC", "ECDSA");
        assertThat(ca.getSigAlgName()).isEqualToIgnoringCase("SHA256withECDSA");
    }

    @Test
    void issuesTheSignerFromTheCaForDigitalSignaturesOnly() throws Exception {
        SatelliteAuthority authority = startedAuthority(dataDir, clock());

        X509Certificate ca = PkiFixtures.caCertificate(authority);
        X509Certificate signer = DeviceSignatures.parseCertificate(authority.signerCertificatePem());
        signer.verify(ca.getPublicKey(), DeviceSignatures.provider());
        assertThat(signer.getSubjectX500Principal().getName()).isEqualTo("O=License Satellite,CN=Satellite Signer");
        assertThat(signer.getSerialNumber().toString()).isEqualTo(authority.signerSerial());
        assertThat(signer.getKeyUsage()[0]).as("digitalSignature").isTrue();
        assertThat(signer.getKeyUsage()[5]).as("keyCertSign").isFalse();
        assertThat(signer.getBasicConstraints()).isEqualTo(-1);
        assertThat(signer.getNotAfter().toInstant()).isEqualTo(authority.signerNotAfter())
                .isEqualTo(PkiFixtures.START_SECOND.plus(PkiFixtures.defaults().signerLifetime()));
    }

    @Test
    void replacesACaKeyLeftWithoutCertificateByAnInterruptedFirstStart() throws IOException {
        Path pki = Files.createDirectories(dataDir.resolve("pki"));
        Files.writeString(pki.resolve("ca.key"), "-----BEGIN PRIVATE KEY-----\nhalf");

        SatelliteAuthority authority = startedAuthority(dataDir, clock());

        assertThat(authority.caCertificatePem()).startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(Files.readString(pki.resolve("ca.key"))).contains("-----END PRIVATE KEY-----");
    }

    @Test
    void refusesToStartWhenTheCaCertificateHasLostItsKey() throws IOException {
        startedAuthority(dataDir, clock());
        Files.delete(dataDir.resolve("pki").resolve("ca.key"));

        assertThatThrownBy(() -> startedAuthority(dataDir, clock()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ca.key is missing");
    }

    @Test
    void refusesToStartWhenTheCaKeyDoesNotMatchItsCertificate() throws IOException {
        startedAuthority(dataDir, clock());
        Files.writeString(dataDir.resolve("pki").resolve("ca.key"), DeviceSignatures.toPem(DeviceSignatures.generateEcKeyPair().getPrivate()));

        assertThatThrownBy(() -> startedAuthority(dataDir, clock()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("does not belong");
    }

    @Test
    void restrictsAKeyFileAnOperatorLeftReadableToOthers() throws IOException {
        assumeTrue(dataDir.getFileSystem().supportedFileAttributeViews().contains("posix"));
        startedAuthority(dataDir, clock());
        Path caKey = dataDir.resolve("pki").resolve("ca.key");
        Files.setPosixFilePermissions(caKey, PosixFilePermissions.fromString("rw-r--r--"));

        startedAuthority(dataDir, clock());

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(caKey))).isEqualTo("rw-------");
    }

    @Test
    void createsTheKeysLazilyWhenUsedBeforeStart() {
        SatelliteAuthority authority = new SatelliteAuthority(PkiFixtures.satellite(dataDir), PkiFixtures.defaults(), clock());

        assertThat(authority.signerSerial()).isNotBlank();
        assertThat(dataDir.resolve("pki").resolve("ca.crt")).isRegularFile();
    }
}
