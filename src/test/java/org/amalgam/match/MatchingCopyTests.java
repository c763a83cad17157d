package org.amalgam.match;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.amalgam.match.engine.Band;
import org.amalgam.match.engine.LinkReason;
import org.amalgam.match.engine.MatchLink;
import org.amalgam.testing.ApplicationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** Blocking keys and links written in bulk go through {@code COPY}: the same rows as the statement for a few. */
@ApplicationTest
class MatchingCopyTests {

    @Autowired
    Matching matching;

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    JdbcClient jdbc;

    /** Record ids no test's source record has (the key and link tables have no foreign keys: derived data). */
    private static long firstId() {
        return (1L << 50) + ThreadLocalRandom.current().nextLong(1L << 40);
    }

    @Test
    void keysAddedAgainForRecordsThatHaveThemAlreadyAreLeftAsTheyAre() {
        long first = firstId();
        Map<Long, List<String>> keys = new HashMap<>();
        for (long id = first; id < first + 300; id++) {
            keys.put(id, List.of("a:" + id, "b:" + (id / 2), "c:shared"));
        }
        transaction.executeWithoutResult(status -> matching.addKeys(1, keys));
        // a settle that stopped half-way: some records have their keys, the others not yet
        Map<Long, List<String>> again = new HashMap<>(keys);
        for (long id = first + 300; id < first + 400; id++) {
            again.put(id, List.of("a:" + id, "c:shared"));
        }
        transaction.executeWithoutResult(status -> matching.addKeys(1, again));

        long stored = jdbc.sql("select count(*) from match_key where source_record_id between :from and :to")
                .param("from", first)
                .param("to", first + 399)
                .query(Long.class)
                .single();
        assertThat(stored).isEqualTo(300 * 3 + 100 * 2);
        long shared = first / 2 + 10;
        assertThat(jdbc.sql("select count(*) from match_key where key = :key")
                        .param("key", Matching.keyHash(1, "b:" + shared))
                        .query(Long.class)
                        .single())
                .as("records " + (2 * shared) + " and " + (2 * shared + 1))
                .isEqualTo(2);
        matching.removeKeys(again.keySet());
    }

    @Test
    void manyLinksAreStoredAndStoredAgainWithTheirNewScores() {
        long first = firstId();
        List<MatchLink> links = new ArrayList<>();
        for (long id = first; id < first + 1_200; id++) {
            links.add(new MatchLink(id + 1, id, 12.5, 0.999, Band.SAME, null));
        }
        transaction.executeWithoutResult(status -> matching.storeLinks(1, links, Map.of(), null));
        List<MatchLink> again = new ArrayList<>();
        for (MatchLink link : links) {
            again.add(
                    new MatchLink(link.recordA(), link.recordB(), -3.25, 1e-5, Band.POSSIBLE, LinkReason.values()[0]));
        }
        transaction.executeWithoutResult(status -> matching.storeLinks(1, again, Map.of(), null));

        List<String> rows = jdbc.sql(
                        """
                        select record_a || ' ' || record_b || ' ' || kind || ' ' || bits || ' ' || probability || ' '
                               || coalesce(reason, '-') || ' ' || coalesce(evidence::text, '-')
                          from match_link where record_a between :from and :to order by record_a
                        """)
                .param("from", first)
                .param("to", first + 1_200)
                .query(String.class)
                .list();
        assertThat(rows).hasSize(1_200);
        assertThat(rows.get(0))
                .isEqualTo(first + " " + (first + 1) + " POSSIBLE -3.25 1e-05 " + LinkReason.values()[0].name() + " -");
        jdbc.sql("delete from match_link where record_a between :from and :to")
                .param("from", first)
                .param("to", first + 1_200)
                .update();
    }
}
