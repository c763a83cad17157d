package org.amalgam.match.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** A quick regression check on the smallest public dataset, when the datasets are there; the full run is MatchQuality. */
class MatchQualityTests {

    private static final Path DATASETS = Path.of("../shared/datasets");

    @Test
    void theFake1000PersonsAreClusteredWithTheDefaultSettings() throws Exception {
        assumeTrue(Files.isReadable(DATASETS.resolve("splink-fake1000/fake_1000.csv")), "the datasets are not here");

        MatchQuality.Quality quality = MatchQuality.measure(MatchQuality.load("fake1000", DATASETS), 2);

        assertThat(quality.f1()).isGreaterThanOrEqualTo(0.93);
        assertThat(quality.largestCluster()).isLessThanOrEqualTo(12);
    }
}
