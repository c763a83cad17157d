package org.amalgam.ingest.jdbc;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import org.springframework.scheduling.support.CronExpression;

/**
 * When a pull runs: every interval (ISO-8601 such as {@code PT5M}, counted from the start of the previous run) or at
 * the times of a cron expression (Spring's six fields with seconds, the usual five fields, or a macro such as
 * {@code @hourly}), in the server's time zone.
 */
public final class PullSchedule {

    static final Duration SHORTEST_INTERVAL = Duration.ofSeconds(10);

    private final String text;
    private final Duration interval;
    private final CronExpression cron;
    private final ZoneId zone;

    private PullSchedule(String text, Duration interval, CronExpression cron, ZoneId zone) {
        this.text = text;
        this.interval = interval;
        this.cron = cron;
        this.zone = zone;
    }

    /** Reads a schedule; a text that is neither an interval nor a cron expression says so in its message. */
    public static PullSchedule parse(String text) {
        return parse(text, ZoneId.systemDefault());
    }

    static PullSchedule parse(String text, ZoneId zone) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(
                    "is required: an interval such as PT5M or a cron expression such as '0 */15 * * * *'");
        }
        String schedule = text.strip();
        if (schedule.toUpperCase(Locale.ROOT).startsWith("P")) {
            Duration interval;
            try {
                interval = Duration.parse(schedule.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(
                        "'" + schedule + "' is not an ISO-8601 interval; write for example PT30S, PT5M, PT1H or P1D");
            }
            if (interval.compareTo(SHORTEST_INTERVAL) < 0) {
                throw new IllegalArgumentException("must be at least " + SHORTEST_INTERVAL.toSeconds() + " seconds");
            }
            return new PullSchedule(schedule.toUpperCase(Locale.ROOT), interval, null, zone);
        }
        String expression = schedule.startsWith("@") || schedule.split("\\s+").length != 5 ? schedule : "0 " + schedule;
        if (!CronExpression.isValidExpression(expression)) {
            throw new IllegalArgumentException("'" + schedule
                    + "' is neither an interval such as PT5M nor a cron expression such as '0 */15 * * * *'"
                    + " (seconds minutes hours day-of-month month day-of-week) or '*/15 * * * *'");
        }
        return new PullSchedule(schedule, null, CronExpression.parse(expression), zone);
    }

    /** When to run next, for a run that starts (or a definition that is saved) at {@code now}. */
    public Instant next(Instant now) {
        if (interval != null) {
            return now.plus(interval);
        }
        ZonedDateTime next = cron.next(now.atZone(zone));
        // a cron expression that never fires again (e.g. a date in the past) leaves the pull to manual runs
        return next == null ? null : next.toInstant();
    }

    /** When a newly saved pull first runs: at once for an interval, at the next cron time otherwise. */
    public Instant first(Instant now) {
        return interval != null ? now : next(now);
    }

    public boolean isInterval() {
        return interval != null;
    }

    @Override
    public String toString() {
        return text;
    }
}
