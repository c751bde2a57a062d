package io.licensesatellite.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsMaterialTest {
    private static final Clock CLOCK = Clock.fixed(PkiFixtures.START, ZoneOffset.UTC);

    @TempDir
    Path dir;

    private TlsMaterial.Result ensure(List<String> names) {
        return TlsMaterial.ensureSelfSigned(dir.resolve("tls/server.crt"), dir.resolve("tls/server.key"), "satellite.example.com", names, CLOCK);
    }

    @Test
    void createsASelfSignedServerCertificateForTheRequestedNames() throws Exception {
        TlsMaterial.Result result = ensure(List.of("satellite.example.com", "10.0.0.7", "[::1]"));

        assertThat(result.created()).isTrue();
        X509Certificate certificate = DeviceSignatures.parseCertificate(Files.readString(result.certFile()));
        certificate.verify(certificate.getPublicKey(), DeviceSignatures.provider());
        assertThat(certificate.getSubjectAlternativeNames()).containsExactlyInAnyOrder(
                List.of(2, "satellite.example.com"), List.of(7, "10.0.0.7"), List.of(7, "0:0:0:0:0:0:0:1"),
                List.of(2, "localhost"), List.of(7, "127.0.0.1"));
        assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("CN=satellite.example.com");
        assertThat(certificate.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
        assertThat(certificate.getBasicConstraints()).isEqualTo(-1);
        assertThat(certificate.getPublicKey().getAlgorithm()).isIn("EC", "ECDSA");
        assertThat(certificate.getSigAlgName()).isEqualToIgnoringCase("SHA256withECDSA");
        assertThat(certificate.getNotAfter().toInstant()).isEqualTo(PkiFixtures.START_SECOND.plus(Duration.ofDays(825)));
        assertThat(certificate.getSerialNumber().bitLength()).isGreaterThanOrEqualTo(64);
    }

    @Test
    void writesAnUnencryptedPkcs8KeyOnlyTheOwnerCanRead() throws Exception {
        TlsMaterial.Result result = ensure(List.of());

        String keyPem = Files.readString(result.keyFile());
        assertThat(keyPem).startsWith("-----BEGIN PRIVATE KEY-----");
        X509Certificate certificate = DeviceSignatures.parseCertificate(Files.readString(result.certFile()));
        byte[] data = "hello".getBytes(StandardCharsets.UTF_8);
        assertThat(DeviceSignatures.verify(certificate.getPublicKey(), data,
                DeviceSignatures.sign(DeviceSignatures.parsePrivateKey(keyPem), data))).isTrue();
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(result.keyFile()))).isEqualTo("rw-------");
    }

    @Test
    void leavesExistingFilesAloneWhenCalledAgain() throws Exception {
        TlsMaterial.Result first = ensure(List.of("a.example"));
        String cert = Files.readString(first.certFile());
        String key = Files.readString(first.keyFile());

        TlsMaterial.Result second = ensure(List.of("b.example"));

        assertThat(second.created()).isFalse();
        assertThat(Files.readString(second.certFile())).isEqualTo(cert);
        assertThat(Files.readString(second.keyFile())).isEqualTo(key);
    }

    @Test
    void replacesThePairWhenTheKeyIsMissing() throws Exception {
        TlsMaterial.Result first = ensure(List.of());
        String cert = Files.readString(first.certFile());
        Files.delete(first.keyFile());

        TlsMaterial.Result second = ensure(List.of());

        assertThat(second.created()).isTrue();
        assertThat(second.keyFile()).isRegularFile();
        assertThat(Files.readString(second.certFile())).isNotEqualTo(cert);
    }

    @Test
    void refusesANameThatIsNeitherADnsNameNorAnIpAddress() {
        assertThatThrownBy(() -> ensure(List.of("bad name/with slash")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bad name/with slash");
        assertThat(dir.resolve("tls/server.key")).doesNotExist();
    }
}
