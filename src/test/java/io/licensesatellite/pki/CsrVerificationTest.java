package io.licensesatellite.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.Base64;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.junit.jupiter.api.Test;

class CsrVerificationTest {
    private static final String SUBJECT = "CN=C9300-24T,O=Example Corp";

    private final KeyPair device = DeviceSignatures.generateEcKeyPair();
    private final byte[] der = DeviceSignatures.createCsr(device, SUBJECT);

    @Test
    void returnsTheKeyAndSubjectOfAValidDerCsr() {
        DeviceSignatures.Csr csr = DeviceSignatures.parseAndVerifyCsr(der);

        assertThat(csr.publicKeyDer()).isEqualTo(device.getPublic().getEncoded());
        assertThat(csr.subject()).isEqualTo(SUBJECT);
        assertThat(csr.commonName()).isEqualTo("C9300-24T");
    }

    @Test
    void readsPemAndUnarmouredBase64Too() {
        String base64 = Base64.getMimeEncoder().encodeToString(der);
        String pem = "-----BEGIN CERTIFICATE REQUEST-----\n" + base64 + "\n-----END CERTIFICATE REQUEST-----\n";

        assertThat(DeviceSignatures.parseAndVerifyCsr(pem.getBytes(StandardCharsets.US_ASCII)).publicKeyDer())
                .isEqualTo(device.getPublic().getEncoded());
        assertThat(DeviceSignatures.parseAndVerifyCsr(base64.getBytes(StandardCharsets.US_ASCII)).publicKeyDer())
                .isEqualTo(device.getPublic().getEncoded());
    }

    @Test
    void acceptsAnRsaCsr() {
        KeyPair rsa = PkiFixtures.rsaKeyPair(2048);

        DeviceSignatures.Csr csr = DeviceSignatures.parseAndVerifyCsr(DeviceSignatures.createCsr(rsa, "CN=ISR4331"));

        assertThat(csr.publicKeyDer()).isEqualTo(rsa.getPublic().getEncoded());
    }

    @Test
    void refusesACsrWhoseSubjectWasAlteredAfterSigning() {
        byte[] tampered = der.clone();
        int at = indexOf(tampered, "C9300-24T".getBytes(StandardCharsets.US_ASCII));
        tampered[at + 1] = '8';

        assertThatThrownBy(() -> DeviceSignatures.parseAndVerifyCsr(tampered))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not verify");
    }

    @Test
    void refusesACsrCarryingSomeoneElsesKey() {
        byte[] otherKey = DeviceSignatures.generateEcKeyPair().getPublic().getEncoded();
        byte[] ownKey = device.getPublic().getEncoded();
        byte[] swapped = der.clone();
        int at = indexOf(swapped, ownKey);
        System.arraycopy(otherKey, 0, swapped, at, otherKey.length); // same length: both P-256 SPKIs

        assertThatThrownBy(() -> DeviceSignatures.parseAndVerifyCsr(swapped))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not verify");
    }

    @Test
    void refusesBytesThatAreNoCsr() {
        X500Name name = new X500Name("CN=not a request");
        String certificatePem = Certificates.pem(new JcaX509v3CertificateBuilder(name, BigInteger.ONE, new Date(0L),
                new Date(86_400_000L), name, device.getPublic()).build(Certificates.contentSigner(device.getPrivate())));

        assertThatThrownBy(() -> DeviceSignatures.parseAndVerifyCsr("garbage!".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PKCS#10");
        assertThatThrownBy(() -> DeviceSignatures.parseAndVerifyCsr(new byte[] {0x30, 0x00}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DeviceSignatures.parseAndVerifyCsr(certificatePem.getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("certificate request");
        assertThatThrownBy(() -> DeviceSignatures.parseAndVerifyCsr(new byte[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DeviceSignatures.parseAndVerifyCsr(null)).isInstanceOf(IllegalArgumentException.class);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("bytes not found in CSR");
    }
}
