package io.licensesatellite.protocol.smartagent;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;

/**
 * The device door's settings as plain values, so the door can be built without CDI (tests, benchmarks).
 * Checked on construction so a bad value stops the start with a message naming the key.
 *
 * @param generateSelfSigned create the certificate and key files if they are missing (the default paths only:
 *                           a configured path that does not exist is an operator error)
 * @param certificateNames the CN and then the SANs of a generated certificate ({@code localhost} and
 *                         {@code 127.0.0.1} are always among the SANs)
 */
public record DeviceDoorSettings(String host, int port, boolean tlsEnabled, Path certificateFile, Path keyFile,
                                 boolean generateSelfSigned, List<String> certificateNames, OptionalInt plainHttpPort,
                                 long maxBodyBytes, Duration idleTimeout) {

    static final long MIN_BODY_BYTES = 4 * 1024;
    static final long MAX_BODY_BYTES = 16 * 1024 * 1024;

    public DeviceDoorSettings {
        certificateNames = List.copyOf(certificateNames);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("satellite.device-door.port must be 0 to 65535, not " + port);
        }
        if (plainHttpPort.isPresent() && (plainHttpPort.getAsInt() < 0 || plainHttpPort.getAsInt() > 65535)) {
            throw new IllegalArgumentException("satellite.device-door.plain-http-port must be 0 to 65535, not " + plainHttpPort.getAsInt());
        }
        if (maxBodyBytes < MIN_BODY_BYTES || maxBodyBytes > MAX_BODY_BYTES) {
            throw new IllegalArgumentException("satellite.device-door.max-body-size must be between 4K and 16M, not "
                    + maxBodyBytes + " bytes");
        }
        if (idleTimeout.isNegative() || idleTimeout.isZero() || idleTimeout.toSeconds() < 1) {
            throw new IllegalArgumentException("satellite.device-door.idle-timeout must be at least one second, not " + idleTimeout);
        }
        if (tlsEnabled && (certificateFile == null || keyFile == null)) {
            throw new IllegalArgumentException("satellite.device-door.tls needs both certificate-file and key-file");
        }
    }

    /** TLS on a free port, self-signed material in {@code tlsDir}: what tests and benchmarks want. */
    public static DeviceDoorSettings forTests(Path tlsDir) {
        return new DeviceDoorSettings("127.0.0.1", 0, true, tlsDir.resolve("device.crt"), tlsDir.resolve("device.key"),
                true, List.of("localhost"), OptionalInt.empty(), 64 * 1024, Duration.ofSeconds(60));
    }

    static DeviceDoorSettings from(DeviceDoorConfig config, Path dataDir, List<String> certificateNames) {
        DeviceDoorConfig.Tls tls = config.tls();
        if (tls.certificateFile().isPresent() != tls.keyFile().isPresent()) {
            throw new IllegalArgumentException("satellite.device-door.tls.certificate-file and key-file must be set together");
        }
        boolean generated = tls.certificateFile().isEmpty();
        Path certificate = tls.certificateFile().map(Path::of).orElse(dataDir.resolve("tls").resolve("device.crt"));
        Path key = tls.keyFile().map(Path::of).orElse(dataDir.resolve("tls").resolve("device.key"));
        return new DeviceDoorSettings(config.host(), config.port(), tls.enabled(), certificate, key, generated,
                certificateNames, config.plainHttpPort().map(OptionalInt::of).orElse(OptionalInt.empty()),
                config.maxBodySize().asLongValue(), config.idleTimeout());
    }
}
