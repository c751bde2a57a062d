package io.licensesatellite.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** What holds for every schedule, instant and zone, daylight-saving days included. */
class SyncScheduleProperties {
    private static final CronParser QUARTZ = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.QUARTZ));

    @Property(tries = 300)
    void runsNextStrictlyAfterTheInstantAndOnAMatchingSecond(@ForAll("expressions") String expression,
            @ForAll("instants") Instant after, @ForAll("zones") ZoneId zone) {
        Optional<Instant> next = SyncSchedule.parse(expression, zone).nextAfter(after);

        assertThat(next).isPresent();
        assertThat(next.get()).isAfter(after);
        assertThat(ExecutionTime.forCron(QUARTZ.parse(expression)).isMatch(next.get().atZone(zone))).isTrue();
    }

    @Property(tries = 200)
    void weeklyIsASundayAndNoSundayRunIsSkipped(@ForAll("instants") Instant after, @ForAll("zones") ZoneId zone) {
        Instant next = SyncSchedule.parse("weekly", zone).nextAfter(after).orElseThrow();
        ZonedDateTime local = next.atZone(zone);

        assertThat(local.getDayOfWeek()).isEqualTo(DayOfWeek.SUNDAY);
        assertThat(local.toLocalTime()).hasToString("03:30");
        assertThat(next).isBeforeOrEqualTo(after.plusSeconds(7 * 24 * 3600 + 3600));
    }

    @Provide
    Arbitrary<String> expressions() {
        return Arbitraries.of("daily", "weekly", "monthly", "0 0 * * * ?", "0 */7 * * * ?", "30 15 3 ? * MON-FRI",
                "0 0 0 L * ?", "0 0 12 ? * 6#3", "0 0 2 29 2 ? *", "15 * * * * ?")
                .map(word -> switch (word) {
                    case "daily" -> SyncSchedule.DAILY;
                    case "weekly" -> SyncSchedule.WEEKLY;
                    case "monthly" -> SyncSchedule.MONTHLY;
                    default -> word;
                });
    }

    @Provide
    Arbitrary<Instant> instants() {
        long from = Instant.parse("2020-01-01T00:00:00Z").toEpochMilli();
        long to = Instant.parse("2040-01-01T00:00:00Z").toEpochMilli();
        return Arbitraries.longs().between(from, to).map(Instant::ofEpochMilli);
    }

    @Provide
    Arbitrary<ZoneId> zones() {
        return Arbitraries.of("UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe")
                .map(ZoneId::of);
    }
}
