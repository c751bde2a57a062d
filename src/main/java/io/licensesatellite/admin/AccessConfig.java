package io.licensesatellite.admin;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How long console sessions live and how hard failed logins are slowed down. */
@ConfigMapping(prefix = "satellite.admin")
public interface AccessConfig {
    Session session();

    Login login();

    interface Session {
        /** A session unused this long ends (OWASP: 15-30 minutes for an administrative console). */
        @WithDefault("PT30M")
        Duration idleTimeout();

        /** A session ends this long after login however busy, so a stolen cookie does not live forever. */
        @WithDefault("PT12H")
        Duration absoluteTimeout();
    }

    interface Login {
        /** Failures are counted over this sliding window. */
        @WithDefault("PT15M")
        Duration window();

        /** Failures of one username after which each further attempt must wait an increasing delay. */
        @WithDefault("5")
        int userThrottleAfter();

        /** Failures of one username after which its logins are locked for {@link #lockDuration()}. */
        @WithDefault("10")
        int userLockAfter();

        /** Failures from one source address before throttling: higher, since a NAT may hide several operators. */
        @WithDefault("20")
        int addressThrottleAfter();

        /**
         * Failures from one source address after which logins from it are locked. Throttling lets through at most one
         * attempt a minute, so a lock must be reachable within the window: 20 + 10 throttled attempts take about 5 min.
         */
        @WithDefault("30")
        int addressLockAfter();

        /** The first delay once throttled; each further failure doubles it, up to {@link #maxDelay()}. */
        @WithDefault("PT1S")
        Duration firstDelay();

        @WithDefault("PT1M")
        Duration maxDelay();

        /** How long a lock lasts; even the right password is refused meanwhile. */
        @WithDefault("PT15M")
        Duration lockDuration();
    }
}
