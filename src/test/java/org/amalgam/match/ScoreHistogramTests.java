package org.amalgam.match;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ScoreHistogramTests {

    @Test
    void binsOfOneBitCoverEveryScoreAndBothThresholds() {
        ScoreHistogram histogram = ScoreHistogram.of(ScoreHistogram.LINKS, Map.of(5, 3L, 7, 2L), 0, 3.17, 0.0, 5, 0, 0);

        assertThat(histogram.source()).isEqualTo(ScoreHistogram.LINKS);
        assertThat(histogram.pairs()).isEqualTo(5);
        assertThat(histogram.binWidth()).isEqualTo(1);
        assertThat(histogram.bins().get(0).from()).as("one bit below possible").isEqualTo(-1);
        assertThat(histogram.bins().get(histogram.bins().size() - 1).to()).isEqualTo(8);
        assertThat(histogram.bins())
                .filteredOn(bin -> bin.count() > 0)
                .extracting(ScoreHistogram.Bin::from, ScoreHistogram.Bin::count)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(5.0, 3L), org.assertj.core.groups.Tuple.tuple(7.0, 2L));
    }

    @Test
    void aWideSpreadGetsWiderBinsAndNoCountIsLost() {
        ScoreHistogram histogram =
                ScoreHistogram.of(ScoreHistogram.SAMPLE, Map.of(-120, 10L, -3, 4L, 40, 1L), 50, 3.17, 0.0, 1, 0, 14);

        assertThat(histogram.bins()).hasSizeLessThanOrEqualTo(ScoreHistogram.MAX_BINS);
        assertThat(histogram.binWidth()).isGreaterThan(1);
        assertThat(histogram.bins().stream()
                        .mapToLong(ScoreHistogram.Bin::count)
                        .sum())
                .isEqualTo(15);
        assertThat(histogram.bins().get(0).from()).isLessThanOrEqualTo(-120);
        assertThat(histogram.bins().get(histogram.bins().size() - 1).to()).isGreaterThan(40);
        assertThat(histogram.sampledRecords()).isEqualTo(50);
    }

    @Test
    void noPairsIsAnEmptyHistogram() {
        ScoreHistogram histogram = ScoreHistogram.of(ScoreHistogram.SAMPLE, Map.of(), 3, 3.17, 0.0, 0, 0, 0);

        assertThat(histogram.empty()).isTrue();
        assertThat(histogram.source()).isEqualTo(ScoreHistogram.NONE);
        assertThat(histogram.bins()).isEmpty();
    }
}
