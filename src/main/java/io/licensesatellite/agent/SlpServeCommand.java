package io.licensesatellite.agent;

import io.licensesatellite.agent.AgentMessages.Entitlement;
import io.licensesatellite.agent.slp.LabPolicyDevice;
import io.licensesatellite.agent.slp.SmartlicRestServer;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code slp-serve}: N simulated Smart Licensing Using Policy devices, each with its own smartlic REST API on
 * 127.0.0.1 (one port per device, as real devices have one address each), for a satellite to pull from.
 */
final class SlpServeCommand {
    static final String PASSWORD_FILE = "slp-device-password";
    static final String DEFAULT_USER = "satellite";
    static final String DEFAULT_TAG = "C9300 Network Advantage";

    private final PrintStream out;
    private final Clock clock;

    SlpServeCommand(PrintStream out, Clock clock) {
        this.out = out;
        this.clock = clock;
    }

    int run(SimulatorArguments arguments, Path stateDir) {
        int devices = arguments.positiveInt("devices", 1);
        int port = arguments.value("port").map(SlpServeCommand::port).orElse(0);
        if (port != 0 && port + devices - 1 > 65535) {
            throw new IllegalArgumentException("--port " + port + " with --devices " + devices + " runs past port 65535");
        }
        String pid = arguments.value("pid").orElse(SimulatorMain.DEFAULT_PID);
        String serialBase = arguments.value("serial").orElse("SLP" + Long.toHexString(System.nanoTime()).toUpperCase(Locale.ROOT));
        Map<String, Integer> inUse = new LinkedHashMap<>();
        for (String tag : arguments.values("tag")) {
            Entitlement entitlement = Entitlement.parse(tag);
            inUse.put(entitlement.tag(), entitlement.count());
        }
        if (inUse.isEmpty()) {
            inUse.put(DEFAULT_TAG, 1);
        }
        Duration duration = arguments.value("duration").map(SlpServeCommand::duration).orElse(null);
        String username = arguments.value("username").orElse(DEFAULT_USER);
        String password = password(arguments.value("password-file").map(Path::of).orElse(null), stateDir);

        List<SmartlicRestServer> servers = new ArrayList<>();
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            servers.forEach(SmartlicRestServer::close);
            stopped.countDown();
        });
        try {
            for (int i = 1; i <= devices; i++) {
                String serial = devices == 1 ? serialBase : String.format(Locale.ROOT, "%s-%04d", serialBase, i);
                LabPolicyDevice device = new LabPolicyDevice(pid, serial, inUse, clock);
                SmartlicRestServer server = SmartlicRestServer.start(device, username, password, clock, port == 0 ? 0 : port + i - 1);
                servers.add(server);
                out.printf(Locale.ROOT, "device %d: https://127.0.0.1:%d  %s  sha256 %s%n", i, server.port(), device.udi(),
                        server.fingerprint());
            }
            out.println("Serving " + devices + " device(s) for user '" + username + "'" + (duration == null
                    ? " until stopped (Ctrl-C)" : " for " + duration) + "; reports close on each pull");
            out.flush();
            Runtime.getRuntime().addShutdownHook(hook);
            if (duration == null) {
                stopped.await();
            } else {
                stopped.await(duration.toMillis(), TimeUnit.MILLISECONDS);
            }
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } finally {
            servers.forEach(SmartlicRestServer::close);
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException | IllegalArgumentException e) {
                // Shutting down already, or never registered: nothing to remove.
            }
        }
    }

    /** The devices' password: from the operator's file, else made once and kept in the state directory (0600). */
    private String password(Path file, Path stateDir) {
        try {
            if (file != null) {
                String password = Files.readString(file).strip();
                if (password.isEmpty()) {
                    throw new IllegalArgumentException("--password-file " + file + " is empty");
                }
                return password;
            }
            Path kept = stateDir.resolve(PASSWORD_FILE);
            if (Files.exists(kept)) {
                return Files.readString(kept).strip();
            }
            Files.createDirectories(stateDir);
            byte[] random = new byte[18];
            new SecureRandom().nextBytes(random);
            String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            Files.writeString(kept, password + "\n");
            try {
                Files.setPosixFilePermissions(kept, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // Not a POSIX file system: the file keeps the directory's permissions.
            }
            out.println("The devices' password is in " + kept);
            return password;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the devices' password file: " + e.getMessage(), e);
        }
    }

    private static int port(String text) {
        try {
            int port = Integer.parseInt(text);
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--port must be 0 (any free port) to 65535, not '" + text + "'");
        }
    }

    private static Duration duration(String text) {
        try {
            return Duration.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--duration must be an ISO-8601 duration such as PT1H, not '" + text + "'");
        }
    }
}
