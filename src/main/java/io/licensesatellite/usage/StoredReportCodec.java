package io.licensesatellite.usage;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * How a report's payload and signature are kept, losslessly: the exact bytes always come back.
 * <ul>
 *   <li>{@link #PLAIN_DEFLATE} (0, reports stored before V8): payload deflated alone, signature as text;</li>
 *   <li>{@link #RUM_DICTIONARY_1} (1): payload deflated with a preset dictionary of the words every RUM payload uses,
 *   signature deflated with that dictionary followed by the payload (it repeats the device and the software tag).</li>
 * </ul>
 * A RUM payload is a few hundred bytes of the same keys and values: deflate alone has nothing to refer back to and keeps
 * ~60 % of it, with the dictionary ~15 %. The dictionary file ({@code usage/rum-dictionary-1.txt}) must never change:
 * stored reports need its exact bytes to be read back; a better one is a new codec number.
 */
final class StoredReportCodec {
    static final int PLAIN_DEFLATE = 0;
    static final int RUM_DICTIONARY_1 = 1;
    /** Deflate refers back at most 32 KiB: a longer preset dictionary is only its tail. */
    private static final int WINDOW = 32 * 1024;

    static final byte[] DICTIONARY_1 = load("/usage/rum-dictionary-1.txt");

    // zlib's set-up (a quarter megabyte of native state) costs more than deflating one report: each thread keeps one
    private static final ThreadLocal<Deflater> DEFLATERS = ThreadLocal.withInitial(() -> new Deflater(Deflater.DEFAULT_COMPRESSION, true));

    private StoredReportCodec() {}

    /** A report as codec {@link #RUM_DICTIONARY_1} stores it. */
    record Encoded(byte[] payload, byte[] signature) {}

    static Encoded encode(byte[] payload, String signatureJson) {
        return new Encoded(deflate(payload, DICTIONARY_1), deflate(signatureJson.getBytes(StandardCharsets.UTF_8),
                signatureDictionary(payload)));
    }

    static byte[] payload(int codec, byte[] deflated, int length) {
        return switch (codec) {
            case PLAIN_DEFLATE -> inflate(deflated, null, length);
            case RUM_DICTIONARY_1 -> inflate(deflated, DICTIONARY_1, length);
            default -> throw new IllegalStateException("A stored report has the unknown codec " + codec);
        };
    }

    /** The signature object's text exactly as received. */
    static String signature(int codec, byte[] deflated, String plain, byte[] payload) {
        return switch (codec) {
            case PLAIN_DEFLATE -> plain;
            case RUM_DICTIONARY_1 -> new String(inflate(deflated, signatureDictionary(payload), -1), StandardCharsets.UTF_8);
            default -> throw new IllegalStateException("A stored report has the unknown codec " + codec);
        };
    }

    private static byte[] signatureDictionary(byte[] payload) {
        byte[] both = Arrays.copyOf(DICTIONARY_1, DICTIONARY_1.length + payload.length);
        System.arraycopy(payload, 0, both, DICTIONARY_1.length, payload.length);
        return both.length <= WINDOW ? both : Arrays.copyOfRange(both, both.length - WINDOW, both.length);
    }

    static byte[] deflate(byte[] bytes, byte[] dictionary) {
        Deflater deflater = DEFLATERS.get();
        try {
            if (dictionary != null) {
                deflater.setDictionary(dictionary);
            }
            deflater.setInput(bytes);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, bytes.length / 4));
            byte[] buffer = new byte[Math.min(8192, Math.max(256, bytes.length + 64))];
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
            return out.toByteArray();
        } finally {
            deflater.reset();
        }
    }

    /** @param length the exact length expected, or -1 to read to the end */
    static byte[] inflate(byte[] deflated, byte[] dictionary, int length) {
        Inflater inflater = new Inflater(true);
        try {
            if (dictionary != null) {
                inflater.setDictionary(dictionary);
            }
            inflater.setInput(deflated);
            ByteArrayOutputStream out = new ByteArrayOutputStream(length >= 0 ? length : deflated.length * 4);
            byte[] buffer = new byte[length >= 0 ? Math.max(1, Math.min(length, 65536)) : 4096];
            while (!inflater.finished()) {
                int read = inflater.inflate(buffer);
                if (read == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
                out.write(buffer, 0, read);
            }
            byte[] bytes = out.toByteArray();
            if (!inflater.finished() || (length >= 0 && bytes.length != length)) {
                throw new IllegalStateException("A stored report inflated to " + bytes.length + " bytes"
                        + (length >= 0 ? " instead of " + length : " and was cut short"));
            }
            return bytes;
        } catch (DataFormatException e) {
            throw new IllegalStateException("A stored report cannot be inflated", e);
        } finally {
            inflater.end();
        }
    }

    private static byte[] load(String resource) {
        try (InputStream in = StoredReportCodec.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("The resource " + resource + " is missing from the build");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
