package io.licensesatellite.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("The Smart Agent's timers")
class AgentTimersTest {
    private static final Instant T0 = Instant.parse("2025-01-15T10:00:00Z");

    /** The gaps between successive attempts when every attempt fails. */
    private static List<Duration> gaps(int attempts, UnaryOperator<Instant> next) {
        List<Duration> gaps = new ArrayList<>();
        Instant last = T0;
        for (int i = 0; i < attempts; i++) {
            Instant following = next.apply(last);
            gaps.add(Duration.between(last, following));
            last = following;
        }
        return gaps;
    }

    @Nested
    @DisplayName("registration")
    class Registration {
        @Test
        void retriesEvery15MinutesSixteenTimesThenHourly() {
            List<Duration> gaps = gaps(20, last -> AgentTimers.nextRegistrationAttempt(T0, last));

            assertThat(gaps.subList(0, 16)).containsOnly(Duration.ofMinutes(15));
            assertThat(gaps.subList(16, 20)).containsOnly(Duration.ofHours(1));
        }

        @Test
        void theSixteenthRetryFallsExactlyFourHoursAfterTheFirstAttempt() {
            Instant last = T0;
            for (int i = 0; i < 16; i++) {
                last = AgentTimers.nextRegistrationAttempt(T0, last);
            }
            assertThat(last).isEqualTo(T0.plus(Duration.ofHours(4)));
        }
    }

    @Nested
    @DisplayName("out of compliance")
    class OutOfCompliance {
        @Test
        void retriesEvery15MinutesForTwoHoursThenEveryFourHours() {
            List<Duration> gaps = gaps(12, last -> AgentTimers.nextOutOfComplianceAttempt(T0, last));

            assertThat(gaps.subList(0, 8)).containsOnly(Duration.ofMinutes(15));
            assertThat(gaps.subList(8, 12)).containsOnly(Duration.ofHours(4));
        }
    }

    @Nested
    @DisplayName("authorised")
    class Authorized {
        @Test
        void renewsOnTheDateTheSatelliteNamed() {
            Instant named = T0.plus(Duration.ofDays(29));

            assertThat(AgentTimers.nextAuthorizedAttempt(named, T0, T0)).isEqualTo(named);
        }

        @Test
        void renewsAfter30DaysWhenNoDateWasNamed() {
            assertThat(AgentTimers.nextAuthorizedAttempt(null, T0, T0)).isEqualTo(T0.plus(Duration.ofDays(30)));
        }

        @Test
        void retriesEvery23HoursAfterAFailedRenewal() {
            Instant due = T0.plus(Duration.ofDays(30));
            Instant lastSuccess = T0;

            assertThat(gaps(4, last -> AgentTimers.nextAuthorizedAttempt(due, lastSuccess, last.equals(T0) ? due : last))
                    .subList(1, 4)).containsOnly(Duration.ofHours(23));
            assertThat(AgentTimers.nextAuthorizedAttempt(due, lastSuccess, due)).isEqualTo(due.plus(Duration.ofHours(23)));
        }
    }

    @Test
    void anExpiredAuthorisationIsRetriedHourly() {
        assertThat(gaps(5, AgentTimers::nextExpiredAttempt)).containsOnly(Duration.ofHours(1));
    }
}
