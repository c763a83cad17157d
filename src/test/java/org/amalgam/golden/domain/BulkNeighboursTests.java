package org.amalgam.golden.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.amalgam.match.Matching;
import org.amalgam.match.bench.BuiltInTypes;
import org.amalgam.match.engine.MatchSettings;
import org.amalgam.match.engine.RecordPreparer;
import org.amalgam.testing.ApplicationTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A bulk load's neighbours are the stored records of the blocks within their caps, new records counted: the blocks
 * the bulk clusterer compares whole, as the real-time lookup does.
 */
@ApplicationTest
class BulkNeighboursTests {

    @Autowired
    Matching matching;

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    JdbcClient jdbc;

    /** The person model's caps: email 300 (the default), last_name 40, birth_date 25. */
    private final RecordPreparer preparer = new RecordPreparer(MatchSettings.defaults("person", BuiltInTypes.PERSON));

    @ParameterizedTest(name = "joined with the key table: {0}")
    @ValueSource(booleans = {false, true})
    void onlyBlocksWithinTheirCapsCountingTheNewRecordsBringNeighbours(boolean join) {
        // a type id and record ids no other test uses (the key table has no foreign keys: derived data)
        long type = (1L << 40) + ThreadLocalRandom.current().nextLong(1L << 30);
        long next = (1L << 50) + ThreadLocalRandom.current().nextLong(1L << 40);
        Map<Long, List<String>> stored = new HashMap<>();
        Map<Long, List<String>> loaded = new HashMap<>();
        Set<Long> expected = new HashSet<>();

        long newRecord = next++;
        List<String> newKeys = new ArrayList<>(
                List.of("email:ann@example.org", "last_name:SM0", "last_name/split:SM0|1980", "birth_date:1980-01-01"));
        loaded.put(newRecord, newKeys);
        expected.add(newRecord);
        // a small block: both stored records are neighbours
        for (int i = 0; i < 2; i++) {
            long id = next++;
            stored.put(id, List.of("email:ann@example.org"));
            expected.add(id);
        }
        // a phonetic last name of 41 stored records and the new one (cap 40): only its split block counts
        for (int i = 0; i < 41; i++) {
            long id = next++;
            List<String> keys = new ArrayList<>(List.of("last_name:SM0"));
            if (i < 3) {
                keys.add("last_name/split:SM0|1980");
                expected.add(id);
            }
            stored.put(id, keys);
        }
        // 20 stored records of a birth date are within its cap of 25, but not with the 10 new records of that date
        for (int i = 0; i < 20; i++) {
            stored.put(next++, List.of("birth_date:1980-01-01"));
        }
        for (int i = 0; i < 9; i++) {
            loaded.put(next++, List.of("birth_date:1980-01-01"));
        }
        // 26 new records of a birth date: more than its cap before any lookup
        long other = next++;
        loaded.put(other, List.of("birth_date:1990-01-01"));
        stored.put(next++, List.of("birth_date:1990-01-01"));
        for (int i = 0; i < 25; i++) {
            loaded.put(next++, List.of("birth_date:1990-01-01"));
        }
        transaction.executeWithoutResult(status -> {
            matching.addKeys(type, stored);
            matching.addKeys(type, loaded);
        });

        BulkNeighbours neighbours = new BulkNeighbours();
        neighbours.add(BulkNeighbours.ChunkKeys.of(type, preparer, loaded));
        Set<Long> sharing = neighbours.sharing(jdbc, transaction, join);

        assertThat(sharing).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(neighbours.oversized())
                .as("the birth date of 26 new records")
                .isEqualTo(1);
        assertThat(neighbours.looked()).isEqualTo(newKeys.size());
        assertThat(neighbours.joined()).isEqualTo(join);
    }
}
