package io.licensesatellite.pki;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

class SignatureVerificationRobustnessTest {
    private static final KeyPair DEVICE = DeviceSignatures.generateEcKeyPair();
    private static final byte[] MESSAGE = "answer".getBytes(StandardCharsets.UTF_8);

    @Property(tries = 300)
    void anyBytesThatAreNotTheSignatureAreRejectedWithoutAnException(@ForAll @Size(max = 120) byte[] signature) {
        assertThat(DeviceSignatures.verify(DEVICE.getPublic(), MESSAGE, signature)).isFalse();
    }

    @Property(tries = 100)
    void aSignatureVerifiesOverExactlyTheDataSigned(@ForAll @Size(max = 512) byte[] data, @ForAll byte flip) {
        byte[] signature = DeviceSignatures.sign(DEVICE.getPrivate(), data);
        assertThat(DeviceSignatures.verify(DEVICE.getPublic(), data, signature)).isTrue();

        byte[] altered = java.util.Arrays.copyOf(data, data.length + 1);
        altered[data.length] = flip;
        assertThat(DeviceSignatures.verify(DEVICE.getPublic(), altered, signature)).isFalse();
    }
}
