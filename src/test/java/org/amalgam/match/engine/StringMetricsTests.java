package org.amalgam.match.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StringMetricsTests {

    @ParameterizedTest(name = "jaro_winkler({0}, {1}) = {2}")
    @CsvSource({
        "martha, marhta, 0.9611",
        "dwayne, duane, 0.8400",
        "dixon, dicksonx, 0.8133",
        "abc, abc, 1.0",
        "abc, xyz, 0.0",
        "a, a, 1.0",
        "averyveryveryveryveryveryveryveryveryveryveryveryverylongnameindeedx, averyveryveryveryveryveryveryveryveryveryveryveryverylongnameindeedy, 0.9941"
    })
    void jaroWinklerHasTheKnownValues(String a, String b, double expected) {
        double similarity = StringMetrics.jaroWinkler(
                a.toCharArray(), 0, a.length(), b.toCharArray(), 0, b.length(), new StringMetrics.Scratch());

        assertThat(similarity).isCloseTo(expected, within(0.0001));
    }

    @ParameterizedTest(name = "jaro_winkler({0}, {1}) bounded at {2} is the full value or 0")
    @CsvSource({"martha, marhta, 0.9", "dwayne, duane, 0.9", "dixon, dicksonx, 0.8", "anna, xerxes, 0.8"})
    void theBoundedJaroWinklerAgreesWithTheFullOneAtTheThreshold(String a, String b, double minimum) {
        StringMetrics.Scratch scratch = new StringMetrics.Scratch();
        double full =
                StringMetrics.jaroWinkler(a.toCharArray(), 0, a.length(), b.toCharArray(), 0, b.length(), scratch);
        double bounded = StringMetrics.jaroWinklerAtLeast(
                a.toCharArray(), 0, a.length(), b.toCharArray(), 0, b.length(), minimum, scratch);

        assertThat(bounded >= minimum).isEqualTo(full >= minimum);
        if (full >= minimum) {
            assertThat(bounded).isEqualTo(full);
        }
    }

    @ParameterizedTest(name = "distance({0}, {1}) with swaps {2} = {3}")
    @CsvSource({
        "kitten, sitting, false, 3",
        "abcd, abdc, false, 2",
        "abcd, abdc, true, 1",
        "'', abc, false, 3",
        "flaw, lawn, false, 2",
        "same, same, true, 0"
    })
    void editDistanceCountsInsertionsDeletionsReplacementsAndSwaps(String a, String b, boolean swaps, int expected) {
        int distance = StringMetrics.editDistance(
                a.toCharArray(), 0, a.length(), b.toCharArray(), 0, b.length(), 10, swaps, new StringMetrics.Scratch());

        assertThat(distance).isEqualTo(expected);
    }

    @ParameterizedTest(name = "distance({0}, {1}) capped at 1 = {2}")
    @CsvSource({"kitten, sitting, 2", "kitten, sitten, 1", "abcdefgh, zzzzzzzz, 2"})
    void editDistanceStopsOnceItExceedsTheMaximum(String a, String b, int expected) {
        int distance = StringMetrics.editDistance(
                a.toCharArray(), 0, a.length(), b.toCharArray(), 0, b.length(), 1, false, new StringMetrics.Scratch());

        assertThat(distance).isEqualTo(expected);
    }
}
