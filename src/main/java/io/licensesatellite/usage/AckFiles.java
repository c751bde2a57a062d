package io.licensesatellite.usage;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The file a device imports with {@code license smart import} (protocol-facts B3): a {@code <smartLicense>} document
 * with {@code <smartLicenseRumAck>} and zero or more {@code <smartLicensePolicy>}. Built from the stored bytes without
 * altering them: an acknowledgement that already is a whole {@code <smartLicense>} document is the file as it is;
 * otherwise the acknowledgement (and the policy) are placed verbatim inside CDATA sections.
 */
public final class AckFiles {
    private static final byte[] CDATA_END = "]]>".getBytes(StandardCharsets.US_ASCII);

    private AckFiles() {}

    /** The import file for an acknowledgement and an optional policy. */
    public static byte[] importFile(byte[] ack, byte[] policy) {
        if (isWholeDocument(ack)) {
            return ack.clone();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(ack.length + (policy == null ? 0 : policy.length) + 256);
        write(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<smartLicense>\n<smartLicenseRumAck><data>");
        cdata(out, ack);
        write(out, "</data></smartLicenseRumAck>\n");
        if (policy != null && policy.length > 0) {
            if (startsWith(policy, "<smartLicensePolicy")) {
                out.writeBytes(policy);
            } else {
                write(out, "<smartLicensePolicy><data>");
                cdata(out, policy);
                write(out, "</data></smartLicensePolicy>");
            }
            write(out, "\n");
        }
        write(out, "</smartLicense>\n");
        return out.toByteArray();
    }

    /** Whether the bytes are already a {@code <smartLicense>} document (with or without an XML declaration). */
    static boolean isWholeDocument(byte[] bytes) {
        String head = new String(bytes, 0, Math.min(bytes.length, 200), StandardCharsets.UTF_8).stripLeading();
        if (head.startsWith("<?xml")) {
            int end = head.indexOf("?>");
            head = end < 0 ? head : head.substring(end + 2).stripLeading();
        }
        return head.startsWith("<smartLicense>") || head.startsWith("<smartLicense ");
    }

    private static boolean startsWith(byte[] bytes, String prefix) {
        return new String(bytes, 0, Math.min(bytes.length, prefix.length() + 8), StandardCharsets.UTF_8)
                .stripLeading().startsWith(prefix);
    }

    /** CDATA keeps the bytes as they are; a "]]>" inside is split across two sections, which XML reads back whole. */
    private static void cdata(ByteArrayOutputStream out, byte[] bytes) {
        write(out, "<![CDATA[");
        int from = 0;
        for (int i = 0; i + CDATA_END.length <= bytes.length; i++) {
            if (bytes[i] == ']' && bytes[i + 1] == ']' && bytes[i + 2] == '>') {
                out.write(bytes, from, i + 2 - from);
                write(out, "]]><![CDATA[");
                from = i + 2;
            }
        }
        out.write(bytes, from, bytes.length - from);
        write(out, "]]>");
    }

    private static void write(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }
}
