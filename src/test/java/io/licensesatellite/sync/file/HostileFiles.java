package io.licensesatellite.sync.file;

import static io.licensesatellite.sync.file.SyncFileFixtures.*;

import java.util.Arrays;

/** Ways to damage or forge a file, shared by the hostile-file tests and the fuzz corpus. */
final class HostileFiles {
    private HostileFiles() {}

    static byte[] aSignedRequest() {
        return files().writeRequest(aRequest(), SATELLITE.keys().getPrivate(), SATELLITE.certificate());
    }

    /** YAML text signed correctly by the trusted satellite key, so that it reaches the parser. */
    static byte[] signedBySatellite(String yaml) {
        return SATELLITE.sign(utf8(yaml));
    }

    /** The signed part of a valid request with one line replaced: reaches the model checks. */
    static byte[] aRequestWithLine(String line, String replacement) {
        String yaml = signedPart(aSignedRequest());
        if (!yaml.contains(line)) {
            throw new IllegalArgumentException("The request has no line " + line);
        }
        return signedBySatellite(yaml.replace(line, replacement));
    }

    static String signedPart(byte[] raw) {
        String text = text(raw);
        return text.substring(0, text.lastIndexOf(SignatureBlock.MARKER));
    }

    static String signatureBlock(byte[] raw) {
        String text = text(raw);
        return text.substring(text.lastIndexOf(SignatureBlock.MARKER));
    }

    static byte[] withByteChanged(byte[] raw, int index) {
        byte[] copy = Arrays.copyOf(raw, raw.length);
        copy[index] ^= 0x01;
        return copy;
    }
}
