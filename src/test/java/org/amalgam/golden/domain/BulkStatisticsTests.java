package org.amalgam.golden.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.amalgam.testing.ApplicationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * After a large load the settle analyzes the tables it filled, every column but the JSON documents: their statistics
 * change no plan and cost half of each analyze.
 */
@ApplicationTest
class BulkStatisticsTests {

    @Autowired
    MatchAssigner assigner;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transaction;

    @Test
    void theTablesALoadFilledAreAnalyzedWithoutTheirJsonDocuments() {
        List<String> analyzed = assigner.analyzedColumns(
                "golden_record", "golden_record_version", "crosswalk", "match_link", "change_event", "match_key");

        assertThat(analyzed)
                .containsExactly(
                        "golden_record (id, entity_type_id, version, status, merged_into, search_text, created_at,"
                                + " updated_at)",
                        "golden_record_version (golden_id, version, change_type, changed_by, reason, created_at,"
                                + " status, merged_into)",
                        "crosswalk (source_record_id, golden_id, rule, score, assigned_by, created_at, updated_at,"
                                + " merged_from)",
                        "match_link (record_a, record_b, entity_type_id, kind, bits, probability, reason, created_at)",
                        "change_event (sequence, entity_type_id, golden_id, version, change_type, occurred_at)",
                        "match_key (key, source_record_id)");
        // what the settle runs gives every non-document column statistics; in a transaction rolled back, with a golden
        // record of its own, so that the table has a row to sample whatever the other tests left
        transaction.executeWithoutResult(status -> {
            jdbc.sql(
                            """
                            insert into golden_record (id, entity_type_id, version, attributes, lineage)
                            select :id, id, 0, '{}', '{}' from entity_type order by id limit 1
                            """)
                    .param("id", GoldenIds.next())
                    .update();
            jdbc.sql("analyze " + String.join(", ", analyzed)).update();
            assertThat(jdbc.sql(
                                    """
                                select count(*) from pg_attribute a
                                 where a.attrelid = 'golden_record'::regclass and a.attnum > 0 and not a.attisdropped
                                   and a.atttypid <> 'jsonb'::regtype
                                   and not exists (select 1 from pg_stats s where s.tablename = 'golden_record'
                                                      and s.attname = a.attname)
                                """)
                            .query(Long.class)
                            .single())
                    .as("golden_record's columns without statistics")
                    .isZero();
            status.setRollbackOnly();
        });
    }
}
