package io.licensesatellite.testing;

import io.licensesatellite.platform.DataDirectory;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Gives each test run of the satellite a fresh data directory prepared exactly as {@code SatelliteMain} does
 * before boot (TLS material included), so tests exercise the real start-up path.
 */
public class SatelliteTestResource implements QuarkusTestResourceLifecycleManager {
    private Path dataDir;

    @Override
    public Map<String, String> start() {
        try {
            dataDir = Files.createTempDirectory("satellite-test-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        DataDirectory.prepare(dataDir);
        return Map.of(DataDirectory.KEY, dataDir.toString());
    }

    @Override
    public void stop() {
        // Left for inspection after a failure; the OS cleans temporary directories.
    }
}
