package io.licensesatellite.sync.file;

/**
 * Text from a refused file quoted in a refusal: an operator reads it and it may be hostile, so it is bounded and
 * control characters (a line break could forge a log line) are shown as {@code ?}.
 */
final class Excerpt {
    private Excerpt() {}

    static String of(String value, int maxCodePoints) {
        StringBuilder out = new StringBuilder();
        value.codePoints().limit(maxCodePoints).forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return value.codePointCount(0, value.length()) > maxCodePoints ? out + "..." : out.toString();
    }
}
