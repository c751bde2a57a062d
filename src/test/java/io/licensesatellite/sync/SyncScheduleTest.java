package io.licensesatellite.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.licensesatellite.platform.ErrorKind;
import io.licensesatellite.platform.SatelliteException;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("A sync schedule")
class SyncScheduleTest {
    private static final Instant WEDNESDAY_NOON = Instant.parse("2026-11-25T12:00:00Z");

    @Nested
    @DisplayName("read from the operator's words")
    class Words {
        @Test
        void offNeverRuns() {
            SyncSchedule off = SyncSchedule.parse("off");

            assertThat(off.isOff()).isTrue();
            assertThat(off.nextAfter(WEDNESDAY_NOON)).isEmpty();
        }

        @Test
        void dailyRunsAtHalfPastThreeTheNextMorning() {
            assertThat(SyncSchedule.parse("daily").nextAfter(WEDNESDAY_NOON)).contains(Instant.parse("2026-11-26T03:30:00Z"));
        }

        @Test
        void weeklyRunsOnSunday() {
            assertThat(SyncSchedule.parse("weekly").nextAfter(WEDNESDAY_NOON)).contains(Instant.parse("2026-11-29T03:30:00Z"));
        }

        @Test
        void monthlyRunsOnTheFirst() {
            assertThat(SyncSchedule.parse("monthly").nextAfter(WEDNESDAY_NOON)).contains(Instant.parse("2026-12-01T03:30:00Z"));
        }

        @Test
        void wordsIgnoreCaseAndSurroundingBlanksAndReadBackAsWritten() {
            SyncSchedule schedule = SyncSchedule.parse("  Daily ");

            assertThat(schedule).hasToString("Daily");
            assertThat(schedule.nextAfter(WEDNESDAY_NOON)).contains(Instant.parse("2026-11-26T03:30:00Z"));
        }

        @Test
        void runsInTheZoneGiven() {
            ZoneId berlin = ZoneId.of("Europe/Berlin");

            assertThat(SyncSchedule.parse("daily", berlin).nextAfter(WEDNESDAY_NOON))
                    .contains(Instant.parse("2026-11-26T02:30:00Z"));  // 03:30 CET
        }

        @Test
        void theDailyRunHappensOnceOnDaylightSavingDays() {
            ZoneId berlin = ZoneId.of("Europe/Berlin");
            SyncSchedule daily = SyncSchedule.parse("daily", berlin);

            // 2026-03-29: clocks jump from 02:00 to 03:00; 2026-10-25: from 03:00 back to 02:00.
            assertThat(daily.nextAfter(Instant.parse("2026-03-28T12:00:00Z"))).contains(Instant.parse("2026-03-29T01:30:00Z"));
            assertThat(daily.nextAfter(Instant.parse("2026-10-24T12:00:00Z"))).contains(Instant.parse("2026-10-25T02:30:00Z"));
            assertThat(daily.nextAfter(Instant.parse("2026-10-25T02:30:00Z"))).contains(Instant.parse("2026-10-26T02:30:00Z"));
        }
    }

    @Nested
    @DisplayName("read from a cron expression")
    class Expressions {
        @Test
        void sixFieldsAsQuarkusScheduledReadsThem() {
            SyncSchedule schedule = SyncSchedule.parse("0 15 */6 * * ?");

            assertThat(schedule.nextAfter(WEDNESDAY_NOON)).contains(Instant.parse("2026-11-25T12:15:00Z"));
            assertThat(schedule).hasToString("0 15 */6 * * ?");
        }

        @Test
        void sevenFieldsWithAYear() {
            assertThat(SyncSchedule.parse("0 0 4 1 1 ? 2028").nextAfter(WEDNESDAY_NOON)).contains(Instant.parse("2028-01-01T04:00:00Z"));
        }

        @Test
        void aYearInThePastNeverRunsAgain() {
            assertThat(SyncSchedule.parse("0 0 4 1 1 ? 2020").nextAfter(WEDNESDAY_NOON)).isEmpty();
        }

        @Test
        void aRunAtTheInstantAskedAboutIsNotNext() {
            SyncSchedule hourly = SyncSchedule.parse("0 0 * * * ?");

            assertThat(hourly.nextAfter(Instant.parse("2026-11-25T12:00:00Z"))).contains(Instant.parse("2026-11-25T13:00:00Z"));
            assertThat(hourly.nextAfter(Instant.parse("2026-11-25T11:59:59.999Z"))).contains(Instant.parse("2026-11-25T12:00:00Z"));
            assertThat(hourly.nextAfter(Instant.parse("2026-11-25T12:00:00.001Z"))).contains(Instant.parse("2026-11-25T13:00:00Z"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "   ", "hourly", "0 0 2 * *", "0 0 2 * * ? 2030 extra", "0 0 25 * * ?", "0 0 2 * * *",
                "0 0 2 1 * MON", "a b c d e f", "0 0 2 ? * ?"})
        void refusesWhatIsNeitherAWordNorAValidExpression(String text) {
            assertThatThrownBy(() -> SyncSchedule.parse(text))
                    .isInstanceOfSatisfying(SatelliteException.class, e -> {
                        assertThat(e.kind()).isEqualTo(ErrorKind.VALIDATION);
                        assertThat(e.fieldErrors()).extracting(SatelliteException.FieldError::field).containsExactly("schedule");
                    })
                    .hasMessageStartingWith("schedule: '")
                    .hasMessageContaining("is not monthly, weekly, daily, off or a valid cron expression: ");
        }

        @Test
        void saysHowManyFieldsItFound() {
            assertThatThrownBy(() -> SyncSchedule.parse("0 0 2 * *"))
                    .hasMessage("schedule: '0 0 2 * *' is not monthly, weekly, daily, off or a valid cron expression: "
                            + "a cron expression has 6 or 7 fields (sec min hour day-of-month month day-of-week [year]), not 5");
        }
    }
}
