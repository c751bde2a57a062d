package io.licensesatellite.testing;

import io.licensesatellite.platform.MutableClock;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** In tests the satellite's clock is one tests can move by days and years. */
@io.quarkus.test.common.QuarkusTestResource(SatelliteTestResource.class)
public class TestClock {
    public static final MutableClock CLOCK = MutableClock.startingNow();

    @Produces
    @Singleton
    Clock clock() {
        return CLOCK;
    }
}
