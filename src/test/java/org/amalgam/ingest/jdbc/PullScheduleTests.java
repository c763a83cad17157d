package org.amalgam.ingest.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PullScheduleTests {

    private static final Instant NOW = Instant.parse("2026-03-02T10:07:30Z");

    @ParameterizedTest(name = "{0} runs next at {1}")
    @CsvSource(
            textBlock =
                    """
            PT5M,            2026-03-02T10:12:30Z
            pt1h,            2026-03-02T11:07:30Z
            P1D,             2026-03-03T10:07:30Z
            0 */15 * * * *,  2026-03-02T10:15:00Z
            */15 * * * *,    2026-03-02T10:15:00Z
            0 30 2 * * *,    2026-03-03T02:30:00Z
            @hourly,         2026-03-02T11:00:00Z
            """)
    void runsNextAtTheNextTimeOfTheIntervalOrCronExpression(String schedule, Instant next) {
        assertThat(PullSchedule.parse(schedule, ZoneOffset.UTC).next(NOW)).isEqualTo(next);
    }

    @Test
    void aNewIntervalPullRunsAtOnceAndANewCronPullAtItsNextTime() {
        assertThat(PullSchedule.parse("PT5M", ZoneOffset.UTC).first(NOW)).isEqualTo(NOW);
        assertThat(PullSchedule.parse("0 0 * * * *", ZoneOffset.UTC).first(NOW))
                .isEqualTo(Instant.parse("2026-03-02T11:00:00Z"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "every five minutes", "PT5", "P1X", "PT1S", "61 * * * *", "* * *"})
    void aScheduleThatIsNeitherIsRefusedWithAnExample(String schedule) {
        assertThatThrownBy(() -> PullSchedule.parse(schedule, ZoneOffset.UTC))
                .isInstanceOf(IllegalArgumentException.class)
                .message()
                .satisfiesAnyOf(
                        m -> assertThat(m).contains("PT"), m -> assertThat(m).contains("seconds"));
    }
}
