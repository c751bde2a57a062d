package io.licensesatellite.sync.file;

import static io.licensesatellite.sync.file.HostileFiles.*;
import static io.licensesatellite.sync.file.SyncFileFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.licensesatellite.sync.file.SyncFileException.Reason;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Any change to a signed file, or a signature by another key, is refused as a mismatch before the YAML is parsed. */
class SignatureMismatchTest {
    private final byte[] valid = aSignedRequest();

    @Test
    void oneChangedByteInTheSignedPartIsAMismatch() {
        int index = text(valid).indexOf("sequence: 12") + "sequence: 1".length();
        assertMismatch(withByteChanged(valid, index), "it was changed after signing");
    }

    @Test
    void aChangedSignatureIsAMismatch() {
        String text = text(valid);
        int at = text.indexOf("signature: ", text.lastIndexOf(SignatureBlock.MARKER)) + "signature: ".length() + 20;
        assertMismatch(withByteChanged(valid, at), "it was changed after signing");
    }

    @Test
    void aSignatureThatIsNotDerIsAMismatch() {
        String text = text(valid);
        String forged = text.substring(0, text.lastIndexOf("signature: ")) + "signature: "
                + Base64.getEncoder().encodeToString(new byte[] {1, 2, 3}) + "\n";
        assertMismatch(utf8(forged), "it was changed after signing");
    }

    @Test
    void aFileSignedByAnotherKeyThanItsCertificateIsAMismatch() {
        byte[] byStranger = STRANGER.sign(utf8(signedPart(valid)));
        String strangerSignature = text(byStranger).substring(text(byStranger).lastIndexOf("signature: "));
        String forged = text(valid).substring(0, text(valid).lastIndexOf("signature: ")) + strangerSignature;
        assertMismatch(utf8(forged), "signed with a key other than the one in its signature block");
    }

    @Test
    void aFileConvertedToCrLfIsAMismatchThatSaysSo() {
        byte[] converted = utf8(text(valid).replace("\n", "\r\n"));
        assertMismatch(converted, "its line endings were converted to CRLF");
    }

    /** The writer hashes and signs in two steps for speed; what it produces must be plain SHA256withECDSA both ways. */
    @Test
    void aSignatureMadeByAnyJcaSha256WithEcdsaSignerVerifies() throws Exception {
        String signedPart = signedPart(valid);
        java.security.Signature jdk = java.security.Signature.getInstance("SHA256withECDSA", "SunEC");
        jdk.initSign(java.security.KeyFactory.getInstance("EC", "SunEC").generatePrivate(
                new java.security.spec.PKCS8EncodedKeySpec(SATELLITE.keys().getPrivate().getEncoded())));
        jdk.update(utf8(signedPart));
        String block = signatureBlock(valid);
        String forged = signedPart + block.substring(0, block.indexOf("signature: ")) + "signature: "
                + Base64.getEncoder().encodeToString(jdk.sign()) + "\n";
        assertThat(files().readRequest(utf8(forged), SATELLITE.trust()).file()).isEqualTo(aRequest());

        String ours = block.substring(block.indexOf("signature: ") + "signature: ".length()).trim();
        jdk.initVerify(SATELLITE.certificate().getPublicKey());
        jdk.update(utf8(signedPart));
        assertThat(jdk.verify(Base64.getDecoder().decode(ours))).as("the JDK verifies our signature").isTrue();
    }

    @Test
    void theUnchangedFileVerifies() throws SyncFileException {
        assertThat(files().readRequest(valid, SATELLITE.trust()).file()).isEqualTo(aRequest());
    }

    private static void assertMismatch(byte[] raw, String detail) {
        assertThatThrownBy(() -> files().readRequest(raw, SATELLITE.trust()))
                .isInstanceOfSatisfying(SyncFileException.class, e -> assertThat(e.reason()).isEqualTo(Reason.SIGNATURE_MISMATCH))
                .hasMessageContaining(detail);
    }
}
