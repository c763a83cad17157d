package org.amalgam.ingest.folder;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.amalgam.ingest.folder.FolderScan.Seen;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FolderScanTests {

    private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");
    private static final Duration MIN_AGE = Duration.ofMinutes(1);

    private static Seen file(String name, long size, Instant modified) {
        return new Seen(name, size, modified);
    }

    private static List<String> names(List<Seen> files) {
        return files.stream().map(Seen::name).toList();
    }

    @Test
    void aFreshFileWaitsForASecondScanThatSeesItUnchanged() {
        FolderScan scan = new FolderScan(MIN_AGE);
        Seen people = file("people.csv", 100, NOW.minusSeconds(5));

        FolderScan.Decision first = scan.decide(List.of(people), NOW);
        FolderScan.Decision second = scan.decide(List.of(people), NOW.plusSeconds(10));

        assertThat(names(first.complete())).isEmpty();
        assertThat(names(first.waiting())).containsExactly("people.csv");
        assertThat(names(second.complete())).containsExactly("people.csv");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            textBlock =
                    """
            it grew,                       200, 5
            it was rewritten at one size,  100, 2
            """)
    void aFileThatChangedBetweenScansWaitsAgain(String what, long size, long secondsAgo) {
        FolderScan scan = new FolderScan(MIN_AGE);
        scan.decide(List.of(file("people.csv", 100, NOW.minusSeconds(5))), NOW);

        FolderScan.Decision second = scan.decide(
                List.of(file("people.csv", size, NOW.plusSeconds(10).minusSeconds(secondsAgo))), NOW.plusSeconds(10));

        assertThat(names(second.complete())).isEmpty();
        assertThat(names(second.waiting())).containsExactly("people.csv");
    }

    @Test
    void aFileUntouchedForTheMinimumAgeIsCompleteAtFirstSight() {
        FolderScan scan = new FolderScan(MIN_AGE);

        FolderScan.Decision decision = scan.decide(
                List.of(file("old.csv", 10, NOW.minus(MIN_AGE)), file("new.csv", 10, NOW.minusSeconds(59))), NOW);

        assertThat(names(decision.complete())).containsExactly("old.csv");
        assertThat(names(decision.waiting())).containsExactly("new.csv");
    }

    @Test
    void withoutAMinimumAgeEveryFileWaitsForASecondScan() {
        FolderScan scan = new FolderScan(Duration.ZERO);

        assertThat(scan.decide(List.of(file("old.csv", 10, NOW.minus(Duration.ofDays(3)))), NOW)
                        .complete())
                .isEmpty();
    }

    @Test
    void aFileTakenOrGoneIsForgottenSoTheSameNameDroppedAgainWaitsAfresh() {
        FolderScan scan = new FolderScan(MIN_AGE);
        Seen people = file("people.csv", 100, NOW.minusSeconds(5));
        scan.decide(List.of(people), NOW);
        scan.decide(List.of(people), NOW.plusSeconds(10));

        FolderScan.Decision again = scan.decide(List.of(people), NOW.plusSeconds(20));

        assertThat(names(again.complete())).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(
            textBlock =
                    """
            .people.csv,        true
            people.csv.tmp,     true
            people.csv.PART,    true
            people.partial,     true
            people.crdownload,  true
            people.filepart,    true
            people.csv~,        true
            people.csv,         false
            people.tmp.csv,     false
            """)
    void namesThatWritersUseForUnfinishedFilesAreNeverTaken(String name, boolean unfinished) {
        FolderScan scan = new FolderScan(MIN_AGE);
        Seen old = file(name, 10, NOW.minus(Duration.ofHours(1)));

        FolderScan.Decision decision = scan.decide(List.of(old), NOW);

        assertThat(FolderScan.unfinishedName(name)).isEqualTo(unfinished);
        assertThat(decision.complete().isEmpty()).isEqualTo(unfinished);
        assertThat(decision.waiting()).isEmpty();
    }
}
