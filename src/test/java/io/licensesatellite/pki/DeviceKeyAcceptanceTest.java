package io.licensesatellite.pki;

import static io.licensesatellite.pki.PkiFixtures.startedAuthority;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeviceKeyAcceptanceTest {
    private static final String INSTANCE_ID = "0f8d6a4e-3b7c-4a52-9d1e-6c2b8f4a7e91";

    @TempDir
    Path dataDir;

    private SatelliteAuthority authority;

    @BeforeEach
    void start() {
        authority = startedAuthority(dataDir, PkiFixtures.clock());
    }

    private void issue(byte[] publicKeyDer) {
        authority.issueIdCertificate(new IdCertificateRequest("C9300-24T", INSTANCE_ID, publicKeyDer));
    }

    @Test
    void refusesAWeakRsa1024Key() {
        byte[] weak = PkiFixtures.rsaKeyPair(1024).getPublic().getEncoded();

        assertThatThrownBy(() -> issue(weak))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1024 bits is too weak");
    }

    @Test
    void refusesAKeyOnACurveOtherThanP256OrP384() {
        byte[] secp256k1 = PkiFixtures.ecKeyPair("secp256k1").getPublic().getEncoded();
        byte[] p521 = PkiFixtures.ecKeyPair("secp521r1").getPublic().getEncoded();

        assertThatThrownBy(() -> issue(secp256k1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("secp256k1");
        assertThatThrownBy(() -> issue(p521)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("secp521r1");
    }

    @Test
    void refusesGarbageBytes() {
        assertThatThrownBy(() -> issue("not a key at all".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SubjectPublicKeyInfo");
        assertThatThrownBy(() -> issue(new byte[] {0x30, 0x03, 0x02, 0x01, 0x01}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesAMissingOrEmptyKey() {
        assertThatThrownBy(() -> issue(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> issue(new byte[0])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesAValidKeyWithBytesAppended() {
        byte[] key = DeviceSignatures.generateEcKeyPair().getPublic().getEncoded();
        byte[] padded = Arrays.copyOf(key, key.length + 2);

        assertThatThrownBy(() -> issue(padded)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesAnEcPointThatIsNotOnTheCurve() {
        byte[] key = DeviceSignatures.generateEcKeyPair().getPublic().getEncoded();
        key[key.length - 1] ^= 0x01; // last byte of Y

        assertThatThrownBy(() -> issue(key)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesAKeyOfAnotherAlgorithm() throws Exception {
        KeyPairGenerator ed = KeyPairGenerator.getInstance("Ed25519");
        byte[] ed25519 = ed.generateKeyPair().getPublic().getEncoded();

        assertThatThrownBy(() -> issue(ed25519))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not accepted");
    }

    @Test
    void acceptsP256P384AndRsa2048() {
        assertThat(DeviceSignatures.acceptedDeviceKey(DeviceSignatures.generateEcKeyPair().getPublic().getEncoded())).isNotNull();
        assertThat(DeviceSignatures.acceptedDeviceKey(PkiFixtures.ecKeyPair("secp384r1").getPublic().getEncoded())).isNotNull();
        assertThat(DeviceSignatures.acceptedDeviceKey(PkiFixtures.rsaKeyPair(2048).getPublic().getEncoded())).isNotNull();
    }
}
