package io.licensesatellite.upstream;

import java.security.MessageDigest;
import java.util.HexFormat;

final class Digests {
    private Digests() {}

    static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
