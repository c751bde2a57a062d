package io.licensesatellite.sync.file.slp;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;

/**
 * A small, bounded ustar reader and writer for the offline usage bundles ({@code .tar.gz}): flat archives of regular
 * files with plain names. Hand-written rather than a new dependency because the bundles need only this much, and
 * every bound is in one place: the gzip stream, the entry count, each entry's size, the total, and names (no
 * directories, no links, no {@code ..}, no absolute paths, nothing but {@code [A-Za-z0-9._-]}).
 */
public final class Ustar {
    private static final int BLOCK = 512;
    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    /** @param maxEntries most files in one archive; @param maxEntryBytes largest file; @param maxTotalBytes all files together */
    public record Limits(int maxEntries, long maxEntryBytes, long maxTotalBytes) {
        public static Limits defaults() {
            return new Limits(10_000, 16L * 1024 * 1024, 256L * 1024 * 1024);
        }
    }

    public record Entry(String name, byte[] content) {}

    /** Why an archive is refused; the message names the entry and the rule. */
    public static final class ArchiveRefused extends Exception {
        public ArchiveRefused(String message) {
            super(message);
        }
    }

    private Ustar() {}

    public static byte[] gzip(List<Entry> entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(tar(entries));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] tar(List<Entry> entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Set<String> names = new LinkedHashSet<>();
        for (Entry entry : entries) {
            if (!SAFE_NAME.matcher(entry.name()).matches() || !names.add(entry.name())) {
                throw new IllegalArgumentException("not a plain, unique archive entry name: " + entry.name());
            }
            byte[] header = new byte[BLOCK];
            put(header, 0, 100, entry.name());
            put(header, 100, 8, "0000600");
            put(header, 108, 8, "0000000");
            put(header, 116, 8, "0000000");
            put(header, 124, 12, String.format("%011o", entry.content().length));
            put(header, 136, 12, "00000000000");
            for (int i = 148; i < 156; i++) {
                header[i] = ' ';
            }
            header[156] = '0';
            put(header, 257, 6, "ustar");
            put(header, 263, 2, "00");
            long sum = 0;
            for (byte b : header) {
                sum += b & 0xff;
            }
            put(header, 148, 8, String.format("%06o", sum));
            header[154] = 0;
            header[155] = ' ';
            out.writeBytes(header);
            out.writeBytes(entry.content());
            int pad = (BLOCK - entry.content().length % BLOCK) % BLOCK;
            out.writeBytes(new byte[pad]);
        }
        out.writeBytes(new byte[2 * BLOCK]);
        return out.toByteArray();
    }

    /** Reads a gzip-compressed ustar archive within the limits; anything else is refused with the reason. */
    public static List<Entry> gunzip(byte[] archive, Limits limits) throws ArchiveRefused {
        if (archive.length < 2 || (archive[0] & 0xff) != 0x1f || (archive[1] & 0xff) != 0x8b) {
            throw new ArchiveRefused("not a gzip file (a .tar.gz is expected)");
        }
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(archive))) {
            return read(in, limits);
        } catch (ZipException e) {
            throw new ArchiveRefused("the gzip stream is corrupt: " + e.getMessage());
        } catch (IOException e) {
            throw new ArchiveRefused("the archive is truncated or corrupt: " + e.getMessage());
        }
    }

    private static List<Entry> read(InputStream in, Limits limits) throws IOException, ArchiveRefused {
        List<Entry> entries = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        long total = 0;
        while (true) {
            byte[] header = in.readNBytes(BLOCK);
            if (header.length == 0) {
                break;  // no end-of-archive blocks: tolerated, as GNU tar does
            }
            if (header.length < BLOCK) {
                throw new ArchiveRefused("the archive ends inside an entry header");
            }
            if (allZero(header)) {
                break;
            }
            if (!checksumMatches(header)) {
                throw new ArchiveRefused("entry " + (entries.size() + 1) + " has a bad header checksum: not a tar archive");
            }
            String name = text(header, 0, 100);
            String prefix = text(header, 345, 155);
            if (!prefix.isEmpty()) {
                name = prefix + "/" + name;
            }
            if (name.startsWith("./")) {
                name = name.substring(2);
            }
            byte type = header[156];
            if (type != '0' && type != 0) {
                throw new ArchiveRefused("entry '" + printable(name) + "' is not a regular file (type '" + (char) type
                        + "'): bundles hold only plain files");
            }
            if (!SAFE_NAME.matcher(name).matches()) {
                throw new ArchiveRefused("entry name '" + printable(name) + "' is not a plain file name (no directories,"
                        + " no '..', only letters, digits, '.', '_' and '-')");
            }
            long size = octal(header, 124, 12, name);
            if (size > limits.maxEntryBytes()) {
                throw new ArchiveRefused("entry '" + name + "' is " + size + " bytes, more than " + limits.maxEntryBytes());
            }
            total += size;
            if (total > limits.maxTotalBytes()) {
                throw new ArchiveRefused("the archive holds more than " + limits.maxTotalBytes() + " bytes");
            }
            if (entries.size() + 1 > limits.maxEntries()) {
                throw new ArchiveRefused("the archive holds more than " + limits.maxEntries() + " entries");
            }
            if (!names.add(name)) {
                throw new ArchiveRefused("entry '" + name + "' appears twice");
            }
            byte[] content = in.readNBytes((int) size);
            if (content.length < size) {
                throw new ArchiveRefused("entry '" + name + "' is truncated");
            }
            int pad = (int) ((BLOCK - size % BLOCK) % BLOCK);
            if (in.readNBytes(pad).length < pad) {
                throw new ArchiveRefused("entry '" + name + "' is truncated");
            }
            entries.add(new Entry(name, content));
        }
        return entries;
    }

    private static boolean checksumMatches(byte[] header) {
        long sum = 0;
        for (int i = 0; i < BLOCK; i++) {
            sum += (i >= 148 && i < 156) ? ' ' : header[i] & 0xff;
        }
        try {
            return octal(header, 148, 8, "checksum") == sum;
        } catch (ArchiveRefused e) {
            return false;
        }
    }

    private static long octal(byte[] header, int offset, int length, String name) throws ArchiveRefused {
        String text = text(header, offset, length).trim();
        if (text.isEmpty() || !text.matches("[0-7]{1,11}")) {
            throw new ArchiveRefused("entry '" + printable(name) + "' has a size or checksum that is not octal");
        }
        return Long.parseLong(text, 8);
    }

    private static boolean allZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static String text(byte[] header, int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, StandardCharsets.ISO_8859_1);
    }

    private static void put(byte[] header, int offset, int length, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(bytes, 0, header, offset, Math.min(bytes.length, length));
    }

    private static String printable(String name) {
        String cut = name.length() > 80 ? name.substring(0, 80) + "..." : name;
        return cut.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
