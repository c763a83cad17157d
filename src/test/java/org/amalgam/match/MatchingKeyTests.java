package org.amalgam.match;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MatchingKeyTests {

    @Test
    void aKeyHashIsWhatTheMigrationComputesInSql() {
        // select ('x' || substr(md5('1:names:FRST|LST'), 1, 16))::bit(64)::bigint, the same for '7:é' (PostgreSQL 15)
        assertThat(Matching.keyHash(1, "names:FRST|LST")).isEqualTo(8463379902110806725L);
        assertThat(Matching.keyHash(7, "é")).isEqualTo(3989264576154393191L);
    }

    @Test
    void theSameKeyOfAnotherTypeHashesDifferently() {
        assertThat(Matching.keyHash(1, "email:ann@example.org"))
                .isNotEqualTo(Matching.keyHash(2, "email:ann@example.org"));
    }

    @Test
    void keyPairsAreDistinctAndSortedByHashThenRecord() {
        Map<Long, List<String>> keys = new LinkedHashMap<>();
        keys.put(20L, List.of("a", "b", "a"));
        keys.put(10L, List.of("b", "c"));

        long[] pairs = Matching.keyPairs(1, keys);

        assertThat(pairs).hasSize(8);
        for (int i = 2; i < pairs.length; i += 2) {
            boolean ordered = pairs[i - 2] < pairs[i] || (pairs[i - 2] == pairs[i] && pairs[i - 1] < pairs[i + 1]);
            assertThat(ordered).as("pair %d after pair %d", i / 2, i / 2 - 1).isTrue();
        }
        long b = Matching.keyHash(1, "b");
        int withB = 0;
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i] == b) {
                withB++;
            }
        }
        assertThat(withB).as("b is a key of both records").isEqualTo(2);
    }
}
