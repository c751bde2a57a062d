package io.licensesatellite.sync.file;

import static io.licensesatellite.sync.file.HostileFiles.*;
import static io.licensesatellite.sync.file.SyncFileFixtures.*;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.licensesatellite.sync.file.SyncFileException.Reason;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** A file without a well-formed signature block is refused as not signed, before its signature or YAML is looked at. */
class SignatureBlockRefusalTest {
    private final byte[] valid = aSignedRequest();

    @Test
    void aFileWithoutSignatureBlockIsNotSigned() {
        assertNotSigned(utf8(signedPart(valid)), "has no line '--- # signature'");
    }

    @Test
    void aFileCutInTheMiddleOfTheBodyIsNotSigned() {
        assertNotSigned(Arrays.copyOf(valid, signedPart(valid).length() / 2), "has no line '--- # signature'");
    }

    @Test
    void aFileCutInsideTheSignatureBlockIsNotSigned() {
        String cut = text(valid).substring(0, text(valid).lastIndexOf("certificate: ") + 30);
        assertNotSigned(utf8(cut), "has 2 line(s) after '--- # signature' where exactly 3");
    }

    @Test
    void aFileCutAfterTheMarkerIsNotSigned() {
        String cut = text(valid).substring(0, text(valid).lastIndexOf(SignatureBlock.MARKER)) + SignatureBlock.MARKER + "\n";
        assertNotSigned(utf8(cut), "has 0 line(s) after '--- # signature'");
    }

    @Test
    void anExtraLineAfterTheBlockIsRefused() {
        assertNotSigned(utf8(text(valid) + "comment: added later\n"), "has 4 line(s)");
    }

    @Test
    void linesOutOfOrderAreRefused() {
        String block = signatureBlock(valid);
        String[] lines = block.split("\n");
        String swapped = signedPart(valid) + lines[0] + "\n" + lines[2] + "\n" + lines[1] + "\n" + lines[3] + "\n";
        assertNotSigned(utf8(swapped), "line 1 after '--- # signature' must start with 'algorithm:'");
    }

    @Test
    void anotherAlgorithmIsRefused() {
        assertNotSigned(utf8(text(valid).replace("algorithm: SHA256withECDSA", "algorithm: SHA1withRSA")),
                "names algorithm 'SHA1withRSA'; sync files are signed with SHA256withECDSA");
    }

    @Test
    void aCertificateThatIsNotBase64IsRefused() {
        assertNotSigned(utf8(text(valid).replace("certificate: MII", "certificate: %%%MII")),
                "the certificate is not standard base64 on one line");
    }

    @Test
    void aCertificateThatIsNotX509IsRefused() {
        String garbage = Base64.getEncoder().encodeToString(utf8("not a certificate at all"));
        String text = text(valid);
        int start = text.indexOf("certificate: ", text.lastIndexOf(SignatureBlock.MARKER)) + "certificate: ".length();
        String forged = text.substring(0, start) + garbage + text.substring(text.indexOf('\n', start));
        assertNotSigned(utf8(forged), "the certificate is not one DER-encoded X.509 certificate");
    }

    private static void assertNotSigned(byte[] raw, String detail) {
        assertThatThrownBy(() -> files().readRequest(raw, SATELLITE.trust()))
                .isInstanceOfSatisfying(SyncFileException.class, e -> org.assertj.core.api.Assertions.assertThat(e.reason())
                        .isEqualTo(Reason.NOT_SIGNED))
                .hasMessageContaining(detail);
    }
}
