package io.licensesatellite.usage;

/** Writing JSON string literals without a library: the escapes RFC 8259 requires, nothing more. */
public final class JsonText {
    private JsonText() {}

    public static String quote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        quote(s, out);
        return out.toString();
    }

    public static void quote(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
