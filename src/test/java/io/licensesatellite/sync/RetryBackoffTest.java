package io.licensesatellite.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Retrying a failed online sync")
class RetryBackoffTest {
    static final Instant FAILED_AT = Instant.parse("2026-11-25T03:30:00Z");

    /** Always the same draw: {@code value} in [0, 1) maps to a jitter of (2·value − 1) × 10 %. */
    static RandomGenerator fixed(double value) {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                return 0;
            }

            @Override
            public double nextDouble(double origin, double bound) {
                return origin + value * (bound - origin);
            }
        };
    }

    static Duration after(Optional<Instant> next) {
        return Duration.between(FAILED_AT, next.orElseThrow());
    }

    @Test
    void doublesFromOneMinuteUpToOneHourWithoutJitter() {
        RetryBackoff backoff = RetryBackoff.defaults(fixed(0.5));

        assertThat(after(backoff.nextAttempt(FAILED_AT, 1))).isEqualTo(Duration.ofMinutes(1));
        assertThat(after(backoff.nextAttempt(FAILED_AT, 2))).isEqualTo(Duration.ofMinutes(2));
        assertThat(after(backoff.nextAttempt(FAILED_AT, 3))).isEqualTo(Duration.ofMinutes(4));
        assertThat(after(backoff.nextAttempt(FAILED_AT, 6))).isEqualTo(Duration.ofMinutes(32));
        assertThat(after(backoff.nextAttempt(FAILED_AT, 7))).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void givesUpAfterTheEighthFailedAttemptUntilTheSchedule() {
        RetryBackoff backoff = RetryBackoff.defaults(fixed(0.5));

        assertThat(backoff.nextAttempt(FAILED_AT, 7)).isPresent();
        assertThat(backoff.nextAttempt(FAILED_AT, 8)).isEmpty();
        assertThat(backoff.nextAttempt(FAILED_AT, 9)).isEmpty();
    }

    @Test
    void jitterMovesADelayByAtMostTenPercentEitherWay() {
        assertThat(after(RetryBackoff.defaults(fixed(0.0)).nextAttempt(FAILED_AT, 1))).isEqualTo(Duration.ofSeconds(54));
        assertThat(after(RetryBackoff.defaults(fixed(0.75)).nextAttempt(FAILED_AT, 1))).isEqualTo(Duration.ofSeconds(63));
    }

    @Test
    void aLongCapIsReachedWithoutOverflow() {
        RetryBackoff backoff = new RetryBackoff(Duration.ofSeconds(1), Duration.ofDays(3650), Integer.MAX_VALUE, fixed(0.5));

        assertThat(backoff.delay(Integer.MAX_VALUE - 1)).isEqualTo(Duration.ofDays(3650));
    }

    @Test
    void refusesSettingsThatMakeNoSense() {
        RandomGenerator random = fixed(0.5);
        assertThatThrownBy(() -> new RetryBackoff(Duration.ZERO, Duration.ofHours(1), 8, random)).hasMessageContaining("positive");
        assertThatThrownBy(() -> new RetryBackoff(Duration.ofHours(2), Duration.ofHours(1), 8, random)).hasMessageContaining("cap");
        assertThatThrownBy(() -> new RetryBackoff(Duration.ofMinutes(1), Duration.ofHours(1), 0, random)).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> RetryBackoff.defaults(random).nextAttempt(FAILED_AT, 0)).hasMessageContaining("at least 1");
    }
}
