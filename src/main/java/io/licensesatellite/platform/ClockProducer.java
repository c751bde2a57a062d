package io.licensesatellite.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import io.quarkus.arc.DefaultBean;
import jakarta.inject.Singleton;
import java.time.Clock;

/** The one UTC clock of the satellite; tests replace it with a {@code MutableClock}. */
@ApplicationScoped
public class ClockProducer {
    @Produces
    @DefaultBean
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
