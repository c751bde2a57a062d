package io.licensesatellite.testing;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * A satellite of its own, started for the test class with a fresh data directory, for tests that need the state of
 * a first start (the initial administrator before its forced password change) which the shared test instance has
 * long left behind.
 */
public class FreshSatellite implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("satellite.name", "fresh-satellite");
    }
}
