package io.licensesatellite.pki;

import java.io.IOException;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.PEMParser;

/** Crash-safe writing and reading of the PEM files the satellite keeps. */
final class PemFiles {
    static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> READABLE = PosixFilePermissions.fromString("rw-r--r--");

    private PemFiles() {}

    /** Writes a private key: only the owner may ever read it, not even through a temp file. */
    static void writeSecret(Path file, String content) throws IOException {
        write(file, content, OWNER_ONLY);
    }

    static void writePublic(Path file, String content) throws IOException {
        write(file, content, READABLE);
    }

    /**
     * Temp file in the same directory, fsync, then rename: a kill -9 or power loss leaves either the old file or the
     * complete new one, never a truncated key.
     */
    private static void write(Path file, String content, Set<PosixFilePermission> permissions) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = posix(dir)
                ? Files.createTempFile(dir, "." + file.getFileName(), ".tmp", PosixFilePermissions.asFileAttribute(permissions))
                : Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buffer = ByteBuffer.wrap(content.getBytes(StandardCharsets.US_ASCII));
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        syncDirectory(dir);
    }

    /** The rename is only durable once the directory entry is on disk. */
    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | RuntimeException e) {
            // Not every platform can open a directory (Windows); the rename itself is still atomic there.
        }
    }

    /** Creates {@code dir} owner-only if it does not exist yet; an existing directory keeps the operator's choice. */
    static void createPrivateDirectory(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        Path parent = dir.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try {
            if (posix(parent == null ? dir : parent)) {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIR));
            } else {
                Files.createDirectory(dir);
            }
        } catch (FileAlreadyExistsException e) {
            // Someone else created it between the check and here: fine.
        }
    }

    /** Tightens a key file an operator restored with a loose mode; returns true if it had to. */
    static boolean restrictToOwner(Path file) throws IOException {
        if (!posix(file) || Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) {
            return false;
        }
        Files.setPosixFilePermissions(file, OWNER_ONLY);
        return true;
    }

    static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.US_ASCII);
    }

    static X509CertificateHolder readCertificate(Path file) throws IOException {
        Object object = readObject(Files.newBufferedReader(file, StandardCharsets.US_ASCII));
        if (object instanceof X509CertificateHolder holder) {
            return holder;
        }
        throw new IOException(file + " does not hold a PEM certificate");
    }

    /** The first PEM object of a reader, or null; closes the reader. */
    static Object readObject(Reader reader) throws IOException {
        try (PEMParser parser = new PEMParser(reader)) {
            return parser.readObject();
        }
    }

    private static boolean posix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
