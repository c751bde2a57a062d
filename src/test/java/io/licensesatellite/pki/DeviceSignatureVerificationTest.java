package io.licensesatellite.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DeviceSignatureVerificationTest {
    private static final byte[] MESSAGE = "{\"request\":\"register\"}".getBytes(StandardCharsets.UTF_8);

    private final KeyPair device = DeviceSignatures.generateEcKeyPair();

    @Test
    void acceptsASignatureMadeWithTheDevicesKey() {
        PublicKey key = DeviceSignatures.publicKey(device.getPublic().getEncoded());

        assertThat(DeviceSignatures.verify(key, MESSAGE, DeviceSignatures.sign(device.getPrivate(), MESSAGE))).isTrue();
    }

    @Test
    void acceptsAnRsaSignatureMadeWithTheDevicesKey() {
        KeyPair rsa = PkiFixtures.rsaKeyPair(2048);
        PublicKey key = DeviceSignatures.publicKey(rsa.getPublic().getEncoded());

        assertThat(DeviceSignatures.verify(key, MESSAGE, DeviceSignatures.sign(rsa.getPrivate(), MESSAGE))).isTrue();
        assertThat(DeviceSignatures.verify(key, "other".getBytes(StandardCharsets.UTF_8), DeviceSignatures.sign(rsa.getPrivate(), MESSAGE))).isFalse();
    }

    @Test
    void rejectsASignatureOverOtherData() {
        byte[] signature = DeviceSignatures.sign(device.getPrivate(), "something else".getBytes(StandardCharsets.UTF_8));

        assertThat(DeviceSignatures.verify(device.getPublic(), MESSAGE, signature)).isFalse();
    }

    @Test
    void rejectsASignatureByAnotherKey() {
        byte[] signature = DeviceSignatures.sign(DeviceSignatures.generateEcKeyPair().getPrivate(), MESSAGE);

        assertThat(DeviceSignatures.verify(device.getPublic(), MESSAGE, signature)).isFalse();
    }

    @Test
    void returnsFalseRatherThanThrowingForGarbageSignatureBytes() {
        byte[] valid = DeviceSignatures.sign(device.getPrivate(), MESSAGE);
        PublicKey rsa = PkiFixtures.rsaKeyPair(2048).getPublic();

        assertThat(DeviceSignatures.verify(device.getPublic(), MESSAGE, "garbage".getBytes(StandardCharsets.US_ASCII))).isFalse();
        assertThat(DeviceSignatures.verify(device.getPublic(), MESSAGE, Arrays.copyOf(valid, valid.length - 3))).isFalse();
        assertThat(DeviceSignatures.verify(device.getPublic(), MESSAGE, new byte[0])).isFalse();
        assertThat(DeviceSignatures.verify(device.getPublic(), MESSAGE, null)).isFalse();
        assertThat(DeviceSignatures.verify(rsa, MESSAGE, valid)).isFalse();
        assertThat(DeviceSignatures.verify(rsa, MESSAGE, new byte[300])).isFalse();
    }

    @Test
    void stillVerifiesAfterAGarbageSignatureOnTheSameThread() {
        DeviceSignatures.verify(device.getPublic(), MESSAGE, new byte[] {0x30, 0x7f, 0x01});

        assertThat(DeviceSignatures.verify(device.getPublic(), MESSAGE, DeviceSignatures.sign(device.getPrivate(), MESSAGE))).isTrue();
    }

    @Test
    void refusesPublicKeyBytesThatAreNoKey() {
        assertThatThrownBy(() -> DeviceSignatures.publicKey("nope".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DeviceSignatures.publicKey(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readsBackThePemItWrites() {
        String keyPem = DeviceSignatures.toPem(device.getPrivate());

        assertThat(keyPem).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(DeviceSignatures.toPem(device.getPublic())).startsWith("-----BEGIN PUBLIC KEY-----");
        byte[] signature = DeviceSignatures.sign(DeviceSignatures.parsePrivateKey(keyPem), MESSAGE);
        assertThat(DeviceSignatures.verify(device.getPublic(), MESSAGE, signature)).isTrue();
        assertThatThrownBy(() -> DeviceSignatures.parseCertificate(keyPem)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DeviceSignatures.parsePrivateKey("no pem")).isInstanceOf(IllegalArgumentException.class);
    }
}
