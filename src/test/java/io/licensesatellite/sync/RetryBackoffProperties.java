package io.licensesatellite.sync;

import static io.licensesatellite.sync.RetryBackoffTest.FAILED_AT;
import static io.licensesatellite.sync.RetryBackoffTest.after;
import static io.licensesatellite.sync.RetryBackoffTest.fixed;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** What holds for any base, cap, failure count and draw. */
class RetryBackoffProperties {
    @Property(tries = 500)
    void neverWaitsLongerThanTheCapAndItsJitter(@ForAll @IntRange(min = 1, max = 1000) int failures, @ForAll long seed,
            @ForAll @LongRange(min = 1, max = 3600) long baseSeconds, @ForAll @LongRange(min = 0, max = 86_400) long extraCapSeconds) {
        Duration cap = Duration.ofSeconds(baseSeconds + extraCapSeconds);
        RetryBackoff backoff = new RetryBackoff(Duration.ofSeconds(baseSeconds), cap, Integer.MAX_VALUE, new SplittableRandom(seed));

        Duration wait = after(backoff.nextAttempt(FAILED_AT, failures));

        assertThat(wait).isPositive();
        assertThat(wait.toMillis()).isLessThanOrEqualTo(Math.round(cap.toMillis() * 1.1));
        assertThat(wait.toMillis()).isGreaterThanOrEqualTo(Math.round(backoff.delay(failures).toMillis() * 0.9));
    }

    @Property(tries = 300)
    void waitsNoShorterAfterMoreFailuresForTheSameDraw(@ForAll @IntRange(min = 1, max = 40) int failures,
            @ForAll @DoubleRange(min = 0, max = 1, maxIncluded = false) double draw,
            @ForAll @LongRange(min = 1, max = 3600) long baseSeconds, @ForAll @LongRange(min = 0, max = 86_400) long extraCapSeconds) {
        RetryBackoff backoff = new RetryBackoff(Duration.ofSeconds(baseSeconds), Duration.ofSeconds(baseSeconds + extraCapSeconds),
                Integer.MAX_VALUE, fixed(draw));

        assertThat(backoff.delay(failures + 1)).isGreaterThanOrEqualTo(backoff.delay(failures));
        assertThat(after(backoff.nextAttempt(FAILED_AT, failures + 1))).isGreaterThanOrEqualTo(after(backoff.nextAttempt(FAILED_AT, failures)));
    }
}
