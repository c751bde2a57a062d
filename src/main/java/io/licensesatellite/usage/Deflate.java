package io.licensesatellite.usage;

import java.io.ByteArrayOutputStream;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/** Raw deflate (RFC 1951) of stored payloads: lossless, so the exact bytes come back. */
final class Deflate {
    private Deflate() {}

    static byte[] deflate(byte[] bytes) {
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        try {
            deflater.setInput(bytes);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, bytes.length / 4));
            byte[] buffer = new byte[8192];
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    static byte[] inflate(byte[] deflated, int length) {
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(deflated);
            byte[] out = new byte[length];
            int n = 0;
            while (n < length) {
                int read = inflater.inflate(out, n, length - n);
                if (read == 0 && (inflater.finished() || inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
                n += read;
            }
            if (n != length) {
                throw new IllegalStateException("A stored payload inflated to " + n + " bytes instead of " + length);
            }
            return out;
        } catch (DataFormatException e) {
            throw new IllegalStateException("A stored payload cannot be inflated", e);
        } finally {
            inflater.end();
        }
    }
}
