package io.licensesatellite.sync.file;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;

/**
 * Writes the block YAML of a sync file straight into UTF-8 bytes. Hand-written because a full request is a
 * hundred megabytes of small maps and SnakeYAML's dumper took 5.5 s for a tenth of one where this takes 0.1 s
 * ({@code SyncFileBenchmark}); the price is that the escaping below must be right for any string, which the
 * round-trip property test checks.
 *
 * <p>Strings are always double-quoted, with every character YAML 1.1 does not allow raw (or reads as a line
 * break) escaped; only format-owned words (keys, {@code kind}, enums), numbers, booleans and {@code null} are
 * plain. PEM text is a literal block scalar when it can be one exactly, double-quoted otherwise.
 */
final class YamlWriter {
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_FLOW_NESTING = 8;

    private byte[] buffer = new byte[64 * 1024];
    private int size;
    /** Set by {@link #item(int)}: the next key continues the {@code "- "} line instead of indenting. */
    private boolean afterDash;
    private final boolean[] flowFirst = new boolean[MAX_FLOW_NESTING];
    private int flowDepth;

    byte[] toBytes() { return Arrays.copyOf(buffer, size); }

    void update(MessageDigest digest) { digest.update(buffer, 0, size); }

    /** Bytes appended as they are: the signature block after the signed part. */
    YamlWriter bytes(byte[] value) {
        ensure(value.length);
        System.arraycopy(value, 0, buffer, size, value.length);
        size += value.length;
        return this;
    }

    YamlWriter comment(String text) {
        ascii("# ").text(text).newline();
        return this;
    }

    /** {@code key:} ending the line, for a block mapping or block sequence that follows. */
    YamlWriter blockKey(int indent, String key) {
        indent(indent).ascii(key).ascii(":").newline();
        return this;
    }

    /** {@code key: } with the value to follow on the same line. */
    YamlWriter key(int indent, String key) {
        indent(indent).ascii(key).ascii(": ");
        return this;
    }

    /** {@code - } opening a block sequence item; the item's first key follows on the same line. */
    YamlWriter item(int indent) {
        indent(indent).ascii("- ");
        afterDash = true;
        return this;
    }

    YamlWriter newline() {
        afterDash = false;
        put((byte) '\n');
        return this;
    }

    YamlWriter openMap() {
        ascii("{ ");
        flowFirst[++flowDepth] = true;
        return this;
    }

    /** {@code key: } inside a flow mapping, with the comma that separates it from the previous entry. */
    YamlWriter entry(String key) {
        separate().ascii(key).ascii(": ");
        return this;
    }

    YamlWriter closeMap() {
        flowDepth--;
        ascii(" }");
        return this;
    }

    YamlWriter openList() {
        ascii("[ ");
        flowFirst[++flowDepth] = true;
        return this;
    }

    /** Before each flow sequence item: the separating comma. */
    YamlWriter next() {
        separate();
        return this;
    }

    YamlWriter closeList() {
        boolean empty = flowFirst[flowDepth--];
        if (empty) {
            size -= 2;
            ascii("[]");
        } else {
            ascii(" ]");
        }
        return this;
    }

    YamlWriter string(String value) {
        if (value == null) {
            return nil();
        }
        put((byte) '"');
        escaped(value);
        put((byte) '"');
        return this;
    }

    /** A word the format owns ({@code sync-request}, {@code TERM}): plain, because it needs no quoting. */
    YamlWriter word(String value) {
        return ascii(value);
    }

    YamlWriter integer(long value) {
        return ascii(Long.toString(value));
    }

    YamlWriter integer(Long value) {
        return value == null ? nil() : integer(value.longValue());
    }

    YamlWriter bool(boolean value) {
        return ascii(value ? "true" : "false");
    }

    YamlWriter nil() {
        return ascii("null");
    }

    /** {@code "2026-11-23T10:15:30Z"}, formatted by hand: {@link Instant#toString()} costs a formatter per call. */
    YamlWriter instant(Instant value) {
        if (value == null) {
            return nil();
        }
        LocalDateTime t = LocalDateTime.ofEpochSecond(value.getEpochSecond(), 0, ZoneOffset.UTC);
        put((byte) '"');
        digits(t.getYear(), 4).put((byte) '-').digits(t.getMonthValue(), 2).put((byte) '-').digits(t.getDayOfMonth(), 2)
                .put((byte) 'T').digits(t.getHour(), 2).put((byte) ':').digits(t.getMinute(), 2).put((byte) ':')
                .digits(t.getSecond(), 2).put((byte) 'Z').put((byte) '"');
        return this;
    }

    YamlWriter date(LocalDate value) {
        if (value == null) {
            return nil();
        }
        put((byte) '"');
        digits(value.getYear(), 4).put((byte) '-').digits(value.getMonthValue(), 2).put((byte) '-')
                .digits(value.getDayOfMonth(), 2).put((byte) '"');
        return this;
    }

    /**
     * {@code key: |} and the text indented below it when a literal block reads back as exactly this text: printable
     * ASCII lines, none starting with a space, ending with one line break (what a PEM is). Anything else is
     * double-quoted on the key's line, so the value still round-trips.
     */
    YamlWriter pem(int indent, String key, String value) {
        key(indent, key);
        if (value == null || !literalSafe(value)) {
            return string(value).newline();
        }
        ascii("|").newline();
        int lineStart = 0;
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) == '\n') {
                if (i > lineStart) {
                    indent(indent + 2);
                    for (int j = lineStart; j < i; j++) {
                        put((byte) value.charAt(j));
                    }
                }
                newline();
                lineStart = i + 1;
            }
        }
        return this;
    }

    static boolean literalSafe(String value) {
        int n = value.length();
        if (n < 2 || value.charAt(n - 1) != '\n' || value.charAt(n - 2) == '\n' || value.charAt(0) == '\n') {
            return false;
        }
        boolean lineStart = true;
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (c == '\n') {
                lineStart = true;
                continue;
            }
            if (c < 0x20 || c > 0x7E || lineStart && c == ' ') {
                return false;
            }
            lineStart = false;
        }
        return true;
    }

    private YamlWriter separate() {
        if (flowFirst[flowDepth]) {
            flowFirst[flowDepth] = false;
        } else {
            ascii(", ");
        }
        return this;
    }

    private YamlWriter indent(int spaces) {
        if (afterDash) {
            afterDash = false;
            return this;
        }
        ensure(spaces);
        Arrays.fill(buffer, size, size + spaces, (byte) ' ');
        size += spaces;
        return this;
    }

    /** Text of a comment line: written as is, but a line break would end the comment and is not allowed. */
    private YamlWriter text(String value) {
        if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("A comment is one line");
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buffer, size, bytes.length);
        size += bytes.length;
        return this;
    }

    private YamlWriter ascii(String value) {
        int n = value.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            buffer[size++] = (byte) value.charAt(i);
        }
        return this;
    }

    private YamlWriter digits(int value, int width) {
        ensure(width);
        for (int i = width - 1; i >= 0; i--) {
            buffer[size + i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        size += width;
        return this;
    }

    /**
     * The body of a double-quoted scalar. Escaped: {@code "} and {@code \}, C0 controls, DEL and C1 controls
     * (not printable in YAML), NEL, LS and PS (line breaks to a YAML 1.1 reader), the BOM, U+FFFE/U+FFFF, and
     * unpaired surrogates (not encodable in UTF-8). Everything else, emoji included, is written as UTF-8.
     */
    private void escaped(String value) {
        int n = value.length();
        ensure(n + 8);
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (c >= 0x20 && c < 0x7F) {
                if (size + 2 > buffer.length) {
                    ensure(2);
                }
                if (c == '"' || c == '\\') {
                    buffer[size++] = '\\';
                }
                buffer[size++] = (byte) c;
            } else if (c < 0x80) {
                controlEscape(c);
            } else if (c < 0xA0) {
                if (c == 0x85) {
                    put((byte) '\\').put((byte) 'N');
                } else {
                    hexEscape('x', c, 2);
                }
            } else if (c < 0x800) {
                put((byte) (0xC0 | c >> 6)).put((byte) (0x80 | c & 0x3F));
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(value.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, value.charAt(++i));
                put((byte) (0xF0 | cp >> 18)).put((byte) (0x80 | cp >> 12 & 0x3F))
                        .put((byte) (0x80 | cp >> 6 & 0x3F)).put((byte) (0x80 | cp & 0x3F));
            } else if (Character.isSurrogate(c) || c == 0x2028 || c == 0x2029 || c == 0xFEFF || c >= 0xFFFE) {
                if (c == 0x2028) {
                    put((byte) '\\').put((byte) 'L');
                } else if (c == 0x2029) {
                    put((byte) '\\').put((byte) 'P');
                } else {
                    hexEscape('u', c, 4);
                }
            } else {
                put((byte) (0xE0 | c >> 12)).put((byte) (0x80 | c >> 6 & 0x3F)).put((byte) (0x80 | c & 0x3F));
            }
        }
    }

    private void controlEscape(char c) {
        char named = switch (c) {
            case 0 -> '0';
            case 7 -> 'a';
            case '\b' -> 'b';
            case '\t' -> 't';
            case '\n' -> 'n';
            case 0x0B -> 'v';
            case '\f' -> 'f';
            case '\r' -> 'r';
            case 0x1B -> 'e';
            default -> 0;
        };
        if (named != 0) {
            put((byte) '\\').put((byte) named);
        } else {
            hexEscape('x', c, 2);
        }
    }

    private void hexEscape(char kind, int value, int width) {
        put((byte) '\\').put((byte) kind);
        for (int shift = (width - 1) * 4; shift >= 0; shift -= 4) {
            put(HEX[value >> shift & 0xF]);
        }
    }

    private YamlWriter put(byte b) {
        if (size == buffer.length) {
            ensure(1);
        }
        buffer[size++] = b;
        return this;
    }

    private void ensure(int more) {
        if (size + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + more));
        }
    }
}
