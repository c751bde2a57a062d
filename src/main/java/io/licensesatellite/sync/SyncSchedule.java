package io.licensesatellite.sync;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import io.licensesatellite.platform.SatelliteException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * When online sync runs by itself, as the operator wrote it: {@code off}, {@code daily}, {@code weekly},
 * {@code monthly} (any case), or a Quartz cron expression as Quarkus {@code @Scheduled} reads it: six or seven
 * fields, {@code sec min hour day-of-month month day-of-week [year]}, with {@code ?} in one of the two day fields.
 *
 * <p>The words stand for fixed expressions at 03:30 in the schedule's zone: {@link #DAILY} every day,
 * {@link #WEEKLY} on Sundays, {@link #MONTHLY} on the 1st. Night-time, so a sync does not compete with the
 * day's device traffic; 03:30 because daylight-saving changes in Europe and North America happen between 01:00
 * and 03:00 local time, so 03:30 exists exactly once on every day of the year there (02:00 would be skipped or
 * run twice on those days).
 */
public final class SyncSchedule {
    /** Every day at 03:30. */
    public static final String DAILY = "0 30 3 * * ?";
    /** Sundays at 03:30. */
    public static final String WEEKLY = "0 30 3 ? * SUN";
    /** The 1st of each month at 03:30. */
    public static final String MONTHLY = "0 30 3 1 * ?";
    static final String FIELD = "schedule";
    private static final CronParser QUARTZ = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.QUARTZ));
    /** cron-utils works in whole seconds; the extra steps cover a match it might report at the instant asked about. */
    private static final int MAX_STEPS = 4;
    private static final int MAX_QUOTED_CHARS = 200;

    private final String text;
    private final ZoneId zone;
    private final ExecutionTime executions;  // null when off

    private SyncSchedule(String text, ZoneId zone, ExecutionTime executions) {
        this.text = text;
        this.zone = zone;
        this.executions = executions;
    }

    /** In UTC. */
    public static SyncSchedule parse(String text) {
        return parse(text, ZoneOffset.UTC);
    }

    /**
     * @throws SatelliteException (validation, field {@value #FIELD}) when the text is none of the words and not a
     *     valid Quartz expression, naming why
     */
    public static SyncSchedule parse(String text, ZoneId zone) {
        Objects.requireNonNull(zone, "zone");
        String given = text == null ? "" : text.strip();
        String expression = switch (given.toLowerCase(Locale.ROOT)) {
            case "off" -> null;
            case "daily" -> DAILY;
            case "weekly" -> WEEKLY;
            case "monthly" -> MONTHLY;
            default -> given;
        };
        if (expression == null) {
            return new SyncSchedule(given, zone, null);
        }
        return new SyncSchedule(given, zone, ExecutionTime.forCron(cron(given, expression)));
    }

    private static Cron cron(String given, String expression) {
        if (expression.isEmpty()) {
            throw invalid(given, "it is empty");
        }
        int fields = expression.split("\\s+").length;
        if (fields != 6 && fields != 7) {
            throw invalid(given, "a cron expression has 6 or 7 fields (sec min hour day-of-month month day-of-week [year]), not " + fields);
        }
        try {
            return QUARTZ.parse(expression).validate();
        } catch (IllegalArgumentException e) {
            throw invalid(given, String.valueOf(e.getMessage()));
        }
    }

    private static SatelliteException invalid(String given, String why) {
        return SatelliteException.invalid(FIELD, "'" + quoted(given) + "' is not monthly, weekly, daily, off or a valid cron expression: "
                + quoted(why));
    }

    /**
     * The first run strictly after {@code instant}; empty when the schedule is off or never fires again (a year
     * field in the past).
     */
    public Optional<Instant> nextAfter(Instant instant) {
        if (executions == null) {
            return Optional.empty();
        }
        // Whole seconds: cron fields have no finer unit, and a run at 03:30:00 is not after 03:30:00.5.
        ZonedDateTime from = instant.truncatedTo(ChronoUnit.SECONDS).atZone(zone);
        for (int step = 0; step < MAX_STEPS; step++) {
            Optional<ZonedDateTime> next = executions.nextExecution(from);
            if (next.isEmpty()) {
                return Optional.empty();
            }
            Instant candidate = next.get().toInstant();
            if (candidate.isAfter(instant)) {
                return Optional.of(candidate);
            }
            // Reported a match at or before the instant asked about: look again from the second after it.
            from = (next.get().isAfter(from) ? next.get() : from).plusSeconds(1);
        }
        throw new IllegalStateException("schedule '" + text + "' gave no run after " + instant + " in " + MAX_STEPS + " steps");
    }

    public boolean isOff() {
        return executions == null;
    }

    public ZoneId zone() {
        return zone;
    }

    private static String quoted(String text) {
        String clean = text.replaceAll("\\p{Cntrl}", " ");
        return clean.length() <= MAX_QUOTED_CHARS ? clean : clean.substring(0, MAX_QUOTED_CHARS) + "...";
    }

    /** The operator's text, as given (without surrounding blanks). */
    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SyncSchedule that && text.equals(that.text) && zone.equals(that.zone);
    }

    @Override
    public int hashCode() {
        return Objects.hash(text, zone);
    }
}
