package io.licensesatellite.devices;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ClockTolerancePolicyTest {
    static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    final ClockTolerancePolicy policy = new ClockTolerancePolicy(Duration.ofHours(1));

    @Test
    void acceptsADeviceClockWithinToleranceEitherWay() {
        assertThat(policy.accepts(NOW.plus(Duration.ofMinutes(60)), NOW)).isTrue();
        assertThat(policy.accepts(NOW.minus(Duration.ofMinutes(60)), NOW)).isTrue();
    }

    @Test
    void refusesADeviceClockBeyondToleranceEitherWay() {
        assertThat(policy.accepts(NOW.plus(Duration.ofMinutes(61)), NOW)).isFalse();
        assertThat(policy.accepts(NOW.minus(Duration.ofDays(365 * 8)), NOW)).isFalse();
    }

    @Test
    void failureReasonCarriesTheDeviceDateInEpochMilliseconds() {
        assertThat(FailureReason.CLOCK_OFFSET.message("1526135268653")).isEqualTo(
                "{\"timestamp\":[\"The device date '1526135268653' is offset beyond the allowed tolerance limit.\"]}");
    }
}
