package io.licensesatellite.upstream;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The emulator's files: written whole through a temp file and an atomic move (a crash leaves the old file or
 * the new one), keys owner-only from the first byte, and one writer at a time per state directory (threads of
 * this process and other processes alike).
 */
final class StateFiles {
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> READABLE = PosixFilePermissions.fromString("rw-r--r--");
    private static final String LOCK_FILE = ".lock";
    private static final Map<Path, ReentrantLock> IN_PROCESS_LOCKS = new ConcurrentHashMap<>();

    private StateFiles() {}

    static void writeSecret(Path file, byte[] content) throws IOException {
        write(file, content, OWNER_ONLY);
    }

    static void writePublic(Path file, byte[] content) throws IOException {
        write(file, content, READABLE);
    }

    private static void write(Path file, byte[] content, Set<PosixFilePermission> permissions) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = posix(dir)
                ? Files.createTempFile(dir, "." + file.getFileName(), ".tmp", PosixFilePermissions.asFileAttribute(permissions))
                : Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
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
    }

    /** Creates the directory owner-only when it does not exist; an existing one keeps the operator's mode. */
    static void createPrivateDirectory(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        Path parent = dir.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try {
            if (posix(parent == null ? dir.toAbsolutePath() : parent)) {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIR));
            } else {
                Files.createDirectory(dir);
            }
        } catch (FileAlreadyExistsException raced) {
            // created by someone else in between: fine
        }
    }

    /** Runs {@code work} holding the state directory's lock, so two writers never interleave read-modify-write. */
    static <T> T locked(Path stateDir, Supplier<T> work) {
        Path key = stateDir.toAbsolutePath().normalize();
        if (!Files.isDirectory(key)) {
            throw new EmulatorException(EmulatorError.NOT_INITIALISED, "no upstream emulator in " + stateDir
                    + " (no such directory); run 'init' first");
        }
        ReentrantLock lock = IN_PROCESS_LOCKS.computeIfAbsent(key, k -> new ReentrantLock());
        lock.lock();
        try {
            if (lock.getHoldCount() > 1) {
                return work.get();
            }
            try (FileChannel channel = FileChannel.open(key.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock ignored = channel.lock()) {
                return work.get();
            } catch (IOException e) {
                throw new EmulatorException(EmulatorError.STATE_UNAVAILABLE, "cannot lock the state directory " + stateDir
                        + ": " + e.getMessage(), e);
            }
        } finally {
            lock.unlock();
        }
    }

    private static boolean posix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
