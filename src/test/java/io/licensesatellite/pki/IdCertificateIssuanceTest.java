package io.licensesatellite.pki;

import static io.licensesatellite.pki.PkiFixtures.START_SECOND;
import static io.licensesatellite.pki.PkiFixtures.startedAuthority;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.licensesatellite.platform.MutableClock;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdCertificateIssuanceTest {
    private static final String INSTANCE_ID = "0f8d6a4e-3b7c-4a52-9d1e-6c2b8f4a7e91";

    @TempDir
    Path dataDir;

    private MutableClock clock;
    private SatelliteAuthority authority;
    private KeyPair device;

    @BeforeEach
    void start() {
        clock = PkiFixtures.clock();
        authority = startedAuthority(dataDir, clock);
        device = DeviceSignatures.generateEcKeyPair();
    }

    private IssuedCertificate issue(byte[] publicKeyDer) {
        return authority.issueIdCertificate(new IdCertificateRequest("C9300-24T", INSTANCE_ID, publicKeyDer));
    }

    @Test
    void issuesIdCertificateChainingToTheCa() throws Exception {
        X509Certificate ca = PkiFixtures.caCertificate(authority);

        X509Certificate certificate = DeviceSignatures.parseCertificate(issue(device.getPublic().getEncoded()).pem());

        certificate.verify(ca.getPublicKey(), DeviceSignatures.provider());
        assertThat(certificate.getIssuerX500Principal()).isEqualTo(ca.getSubjectX500Principal());
        X509CertificateHolder holder = new X509CertificateHolder(certificate.getEncoded());
        X509CertificateHolder caHolder = new X509CertificateHolder(ca.getEncoded());
        assertThat(AuthorityKeyIdentifier.fromExtensions(holder.getExtensions()).getKeyIdentifierObject().getOctets())
                .isEqualTo(SubjectKeyIdentifier.fromExtensions(caHolder.getExtensions()).getKeyIdentifier());
        assertThat(certificate.getSigAlgName()).isEqualToIgnoringCase("SHA256withECDSA");
    }

    @Test
    void certifiesTheDevicesOwnKey() {
        X509Certificate certificate = DeviceSignatures.parseCertificate(issue(device.getPublic().getEncoded()).pem());

        assertThat(certificate.getPublicKey().getEncoded()).isEqualTo(device.getPublic().getEncoded());
    }

    @Test
    void namesTheInstanceInAPrintableStringSerialNumberRdn() throws Exception {
        X509Certificate certificate = DeviceSignatures.parseCertificate(issue(device.getPublic().getEncoded()).pem());

        X509CertificateHolder holder = new X509CertificateHolder(certificate.getEncoded());
        RDN[] serialNumbers = holder.getSubject().getRDNs(BCStyle.SERIALNUMBER);
        assertThat(serialNumbers).hasSize(1);
        assertThat(serialNumbers[0].getFirst().getValue()).isInstanceOf(DERPrintableString.class);
        assertThat(serialNumbers[0].getFirst().getValue().toString()).isEqualTo(INSTANCE_ID);
        assertThat(holder.getSubject().toString()).isEqualTo("CN=C9300-24T,SERIALNUMBER=" + INSTANCE_ID + ",O=License Satellite");
    }

    @Test
    void usesARandomPositiveSerialOfAtLeast64Bits() {
        Set<String> serials = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            IssuedCertificate issued = issue(device.getPublic().getEncoded());
            BigInteger serial = DeviceSignatures.parseCertificate(issued.pem()).getSerialNumber();

            assertThat(serial.signum()).isPositive();
            assertThat(serial.bitLength()).isBetween(64, 127);
            assertThat(issued.serial()).isEqualTo(serial.toString());
            serials.add(issued.serial());
        }
        assertThat(serials).hasSize(20);
    }

    @Test
    void isValidForExactlyTheLifetimeFromNowToTheSecond() {
        IssuedCertificate issued = issue(device.getPublic().getEncoded());
        X509Certificate certificate = DeviceSignatures.parseCertificate(issued.pem());

        assertThat(certificate.getNotAfter().toInstant()).isEqualTo(START_SECOND.plus(Duration.ofDays(365))).isEqualTo(issued.notAfter());
        assertThat(certificate.getNotBefore().toInstant()).isEqualTo(START_SECOND.minus(Duration.ofMinutes(5))).isEqualTo(issued.notBefore());
    }

    @Test
    void takesTheValidityFromTheClockAtIssueTime() {
        clock.advance(Duration.ofDays(100));

        IssuedCertificate issued = issue(device.getPublic().getEncoded());

        assertThat(issued.notAfter()).isEqualTo(START_SECOND.plus(Duration.ofDays(465)));
    }

    @Test
    void restrictsTheCertificateToClientAuthentication() throws Exception {
        X509Certificate certificate = DeviceSignatures.parseCertificate(issue(device.getPublic().getEncoded()).pem());

        assertThat(certificate.getBasicConstraints()).isEqualTo(-1);
        assertThat(certificate.getKeyUsage()[0]).as("digitalSignature").isTrue();
        assertThat(certificate.getKeyUsage()[5]).as("keyCertSign").isFalse();
        assertThat(certificate.getCriticalExtensionOIDs()).contains(Extension.keyUsage.getId());
        assertThat(certificate.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2");
    }

    @Test
    void acceptsEcP384AndRsa2048DeviceKeys() throws Exception {
        X509Certificate ca = PkiFixtures.caCertificate(authority);
        for (KeyPair key : new KeyPair[] {PkiFixtures.ecKeyPair("secp384r1"), PkiFixtures.rsaKeyPair(2048)}) {
            X509Certificate certificate = DeviceSignatures.parseCertificate(issue(key.getPublic().getEncoded()).pem());

            certificate.verify(ca.getPublicKey(), DeviceSignatures.provider());
            assertThat(certificate.getPublicKey().getEncoded()).isEqualTo(key.getPublic().getEncoded());
        }
    }

    @Test
    void refusesAnInstanceIdThatIsNoPrintableString() {
        assertThatThrownBy(() -> authority.issueIdCertificate(
                new IdCertificateRequest("C9300-24T", "instance_with_underscore", device.getPublic().getEncoded())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PrintableString");
    }

    @Test
    void refusesAMissingCommonNameOrInstanceId() {
        byte[] key = device.getPublic().getEncoded();
        assertThatThrownBy(() -> authority.issueIdCertificate(new IdCertificateRequest(" ", INSTANCE_ID, key)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("commonName");
        assertThatThrownBy(() -> authority.issueIdCertificate(new IdCertificateRequest("C9300-24T", null, key)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("productInstanceId");
        assertThatThrownBy(() -> authority.issueIdCertificate(new IdCertificateRequest("C".repeat(65), INSTANCE_ID, key)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("64");
    }

    @Test
    void acceptsARealUuidAsInstanceId() throws Exception {
        String uuid = UUID.randomUUID().toString();

        IssuedCertificate issued = authority.issueIdCertificate(new IdCertificateRequest("ISR4331", uuid, device.getPublic().getEncoded()));

        X509CertificateHolder holder = new X509CertificateHolder(DeviceSignatures.parseCertificate(issued.pem()).getEncoded());
        assertThat(holder.getSubject().getRDNs(BCStyle.SERIALNUMBER)[0].getFirst().getValue().toString()).isEqualTo(uuid);
    }
}
