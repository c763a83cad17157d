package org.amalgam.ingest.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PullQueryTests {

    @Test
    void aPlainQueryIsWrappedAndComparesTheQuotedWatermarkColumnWithAParameter() {
        PullQuery query = PullQuery.of("select * from customer;", "updatedAt", "\"", true);

        assertThat(query.sql())
                .isEqualTo(
                        "select * from (\nselect * from customer\n) amalgam_pull where amalgam_pull.\"updatedAt\" > ?");
        assertThat(query.parameters()).isEqualTo(1);
    }

    @Test
    void theFirstRunWrapsTheQueryWithoutACondition() {
        PullQuery query = PullQuery.of("select * from customer -- all of them", "updated_at", "`", false);

        assertThat(query.sql()).isEqualTo("select * from (\nselect * from customer -- all of them\n) amalgam_pull");
        assertThat(query.parameters()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            select * from t where :watermark is null or v > :watermark | select * from t where ? is null or v > ? | 2
            select * from t where v > :watermark::timestamp              | select * from t where v > ?::timestamp  | 1
            select ':watermark' as s from t where v > :watermark         | select ':watermark' as s from t where v > ? | 1
            select * from t /* :watermark */ where v > :watermark        | select * from t /* :watermark */ where v > ? | 1
            select "a:watermark" from t where v >= :watermark            | select "a:watermark" from t where v >= ? | 1
            select 'it''s :watermark' from t where v > :watermark        | select 'it''s :watermark' from t where v > ? | 1
            """)
    void aQueryThatNamesTheWatermarkGetsAParameterForEachMentionOutsideLiteralsAndComments(
            String query, String sql, int parameters) {
        PullQuery pulled = PullQuery.of(query, "v", "\"", true);

        assertThat(pulled.sql()).isEqualTo(sql);
        assertThat(pulled.parameters()).isEqualTo(parameters);
    }

    @Test
    void neitherAPostgresCastNorALongerNameIsTheWatermark() {
        assertThat(PullQuery.namesPlaceholder("select x::watermark, :watermarks from t"))
                .isFalse();
        assertThat(PullQuery.namesPlaceholder("select * from t where v > :watermark"))
                .isTrue();
    }

    @Test
    void aWatermarkColumnThatIsNotAPlainNameNeverReachesTheSql() {
        assertThatThrownBy(() -> PullQuery.of("select * from t", "v\" > 0 or \"x", "\"", true))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
