package io.licensesatellite.platform;

import io.licensesatellite.pki.TlsMaterial;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Finds and prepares the data directory before Quarkus boots, reading {@code satellite.data-dir} the way the
 * running satellite will: system property, then environment ({@code SATELLITE_DATA_DIR}), then
 * {@code ./config/application.properties}, then {@code ./data}.
 */
public final class DataDirectory {
    public static final String KEY = "satellite.data-dir";

    private DataDirectory() {}

    public static Path resolve() {
        String value = System.getProperty(KEY);
        if (value == null) {
            value = System.getenv("SATELLITE_DATA_DIR");
        }
        if (value == null) {
            Path overrides = Path.of("config", "application.properties");
            if (Files.isRegularFile(overrides)) {
                Properties properties = new Properties();
                try (InputStream in = Files.newInputStream(overrides)) {
                    properties.load(in);
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot read " + overrides.toAbsolutePath(), e);
                }
                value = properties.getProperty(KEY);
            }
        }
        return Path.of(value == null ? "./data" : value);
    }

    /** Creates the directory and the admin door's self-signed certificate if they are missing. */
    public static Path prepare() {
        Path dir = resolve();
        prepare(dir);
        return dir;
    }

    public static void prepare(Path dir) {
        try {
            Files.createDirectories(dir.resolve("tls"));
            Files.createDirectories(dir.resolve("db"));
            // The database holds token hashes, device keys and the audit trail: owner only, like the key files.
            for (Path owned : new Path[] {dir, dir.resolve("tls"), dir.resolve("db")}) {
                ownerOnly(owned);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the data directory " + dir.toAbsolutePath(), e);
        }
        TlsMaterial.ensureSelfSigned(dir.resolve("tls/admin.crt"), dir.resolve("tls/admin.key"),
                "License Satellite admin", localNames(), Clock.systemUTC());
    }

    private static void ownerOnly(Path directory) throws IOException {
        try {
            Files.setPosixFilePermissions(directory, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        } catch (UnsupportedOperationException notPosix) {
            // Windows and other non-POSIX file systems: left to the operator's ACLs.
        }
    }

    private static List<String> localNames() {
        List<String> names = new ArrayList<>();
        try {
            InetAddress local = InetAddress.getLocalHost();
            names.add(local.getHostName());
            names.add(local.getHostAddress());
        } catch (UnknownHostException e) {
            // A host without a resolvable name still gets localhost and 127.0.0.1 from TlsMaterial.
        }
        return names;
    }
}
