package org.amalgam.ingest.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import org.amalgam.ingest.jdbc.Watermark.Kind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WatermarkTests {

    @ParameterizedTest(name = "{0}: {2} is larger than {1}")
    @CsvSource(
            textBlock =
                    """
            NUMBER,       9,                            10
            NUMBER,       -2,                           -1.5
            NUMBER,       1e3,                          1001
            TIMESTAMP,    2024-03-01T08:00:00,          2024-03-01T08:00:00.000001
            TIMESTAMP,    2024-03-01T09:59:59.999,      2024-03-01T10:00:00
            TIMESTAMP_TZ, 2024-03-01T10:00:00+01:00,    2024-03-01T09:30:00Z
            DATE,         2024-02-29,                   2024-03-01
            TEXT,         A-0009,                       A-0010
            """)
    void theLargerWatermarkIsTheLargerValueOfItsKind(Kind kind, String smaller, String larger) {
        Watermark low = new Watermark(kind, smaller);
        Watermark high = new Watermark(kind, larger);

        assertThat(Watermark.max(low, high)).isEqualTo(high);
        assertThat(Watermark.max(high, low)).isEqualTo(high);
        assertThat(Watermark.max(null, low)).isEqualTo(low);
    }

    @ParameterizedTest(name = "{0} ({1}) is a {2} watermark")
    @CsvSource(
            textBlock =
                    """
            93,   datetime,                    TIMESTAMP
            93,   timestamptz,                 TIMESTAMP_TZ
            2014, timestamp with time zone,    TIMESTAMP_TZ
            91,   date,                        DATE
            -5,   bigint,                      NUMBER
            3,    decimal,                     NUMBER
            8,    double,                      NUMBER
            12,   varchar,                     TEXT
            """)
    void theKindFollowsTheColumnType(int sqlType, String typeName, Kind kind) {
        assertThat(Kind.of(sqlType, typeName)).isEqualTo(kind);
    }

    @ParameterizedTest
    @CsvSource(
            textBlock =
                    """
            ,                            NUMBER:5,  NUMBER:5
            NUMBER:5,                    ,          NUMBER:5
            NUMBER:5,                    NUMBER:7,  NUMBER:7
            NUMBER:9,                    NUMBER:7,  NUMBER:9
            TEXT:zz,                     NUMBER:7,  NUMBER:7
            """)
    void theNextWatermarkNeverGoesBackAndFollowsAChangedColumnType(String previous, String seen, String next) {
        assertThat(JdbcPullRunner.next(watermark(previous), watermark(seen))).isEqualTo(watermark(next));
    }

    private static Watermark watermark(String text) {
        if (text == null) {
            return null;
        }
        String[] parts = text.split(":", 2);
        return new Watermark(Kind.valueOf(parts[0]), parts[1]);
    }
}
