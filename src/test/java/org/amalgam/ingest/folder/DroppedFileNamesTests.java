package org.amalgam.ingest.folder;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DroppedFileNamesTests {

    private static final Instant TAKEN = Instant.parse("2026-01-15T10:15:00.123Z");

    @Test
    void aStoredNameStartsWithTheTimeItWasTakenAndEndsWithTheDroppedName() {
        String stored = DroppedFileNames.unique("people 2026_01.csv", TAKEN);

        assertThat(stored).matches("20260115-101500123-[0-9a-f]{6}_people 2026_01\\.csv");
        assertThat(DroppedFileNames.original(stored)).isEqualTo("people 2026_01.csv");
        assertThat(DroppedFileNames.takenAt(stored)).contains(TAKEN);
    }

    @Test
    void theSameNameTakenAtTheSameMomentStillGetsDistinctNames() {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            names.add(DroppedFileNames.unique("people.csv", TAKEN));
        }

        assertThat(names).hasSize(20);
    }

    @Test
    void storedNamesSortByTheTimeTheFilesWereTaken() {
        List<String> names = new ArrayList<>(List.of(
                DroppedFileNames.unique("b.csv", TAKEN.plusSeconds(60)),
                DroppedFileNames.unique("a.csv", TAKEN),
                DroppedFileNames.unique("c.csv", TAKEN.plusSeconds(3600))));

        names.sort(null);

        assertThat(names).extracting(DroppedFileNames::original).containsExactly("a.csv", "b.csv", "c.csv");
    }

    @Test
    void aNameAmalgamDidNotMakeHasNoTime() {
        assertThat(DroppedFileNames.takenAt("people.csv")).isEmpty();
        assertThat(DroppedFileNames.original("people.csv")).isEqualTo("people.csv");
    }
}
