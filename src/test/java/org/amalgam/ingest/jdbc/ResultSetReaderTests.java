package org.amalgam.ingest.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.amalgam.ingest.file.Row;
import org.amalgam.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The rows of a query as the pipeline reads them, from real drivers: the test PostgreSQL, and MariaDB where it is
 * reachable.
 */
class ResultSetReaderTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final String PEOPLE =
            """
            select * from (values
              ('k1', 'Ann', date '1980-01-05', timestamp '2024-03-01 08:00:00', 12.50::numeric(10,2), 1e10::float8,
               true, '\\x0102'::bytea, null::text, 9::bigint, timestamptz '2024-03-01 09:00:00+01', time '13:45:00'),
              ('k2', 'Bob', null, timestamp '2024-03-01 09:30:00.25', 3::numeric, 0.1::float8,
               false, null, 'x', 10::bigint, null, null)
            ) as v(id, first_name, birth_date, updated_at, price, score, active, photo, note, version, seen_at, at)
            """;

    private Connection connection;
    private final List<AutoCloseable> open = new ArrayList<>();

    @BeforeEach
    void connect() throws SQLException {
        TestDatabase database = TestDatabase.get();
        connection = DriverManager.getConnection(database.url(), database.username(), database.password());
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable closeable : open) {
            closeable.close();
        }
        connection.close();
    }

    private ResultSetReader read(Connection from, String sql, String watermarkColumn) throws SQLException {
        Statement statement = from.createStatement();
        open.add(statement);
        ResultSet rs = statement.executeQuery(sql);
        return new ResultSetReader(rs, watermarkColumn, JSON);
    }

    private static List<Row> rows(ResultSetReader reader) {
        List<Row> rows = new ArrayList<>();
        while (true) {
            var row = reader.next();
            if (row.isEmpty()) {
                return rows;
            }
            rows.add(row.get());
        }
    }

    @Test
    void theHeaderIsTheColumnLabelsAndValuesAreTextAsInAFile() throws SQLException {
        ResultSetReader reader = read(connection, PEOPLE, "updated_at");

        List<Row> rows = rows(reader);

        assertThat(reader.header())
                .containsExactly(
                        "id",
                        "first_name",
                        "birth_date",
                        "updated_at",
                        "price",
                        "score",
                        "active",
                        "photo",
                        "note",
                        "version",
                        "seen_at",
                        "at");
        assertThat(rows).extracting(Row::number).containsExactly(1L, 2L);
        assertThat(rows.get(0).values())
                .containsExactly(
                        "k1",
                        "Ann",
                        "1980-01-05",
                        "2024-03-01T08:00:00",
                        "12.50",
                        "10000000000",
                        "true",
                        "AQI=",
                        null,
                        "9",
                        "2024-03-01T08:00:00Z",
                        "13:45:00");
        assertThat(rows.get(1).values())
                .containsExactly(
                        "k2", "Bob", null, "2024-03-01T09:30:00.25", "3", "0.1", "false", null, "x", "10", null, null);
        assertThat(reader.next()).isEmpty();
    }

    @Test
    void aRowsRawFormIsAJsonObjectOfItsColumns() throws SQLException {
        List<Row> rows = rows(read(connection, PEOPLE, null));

        JsonNode raw = JSON.readTree(rows.get(0).raw());
        assertThat(raw.get("first_name").asString()).isEqualTo("Ann");
        assertThat(raw.get("note").isNull()).isTrue();
        assertThat(raw.propertyNames()).hasSize(12);
    }

    @Test
    void repeatedLabelsStayApartInTheRawForm() throws SQLException {
        List<Row> rows = rows(read(connection, "select 1 as id, 2 as \"ID\", 3 as id", null));

        assertThat(JSON.readTree(rows.get(0).raw()).toString())
                .isEqualTo("{\"id\":\"1\",\"ID_2\":\"2\",\"id_3\":\"3\"}");
    }

    @Test
    void theReaderKeepsTheLargestWatermarkOfItsKind() throws SQLException {
        ResultSetReader byTime = read(connection, PEOPLE, "updated_at");
        rows(byTime);
        ResultSetReader byVersion = read(connection, PEOPLE, "VERSION");
        rows(byVersion);
        ResultSetReader byZonedTime = read(connection, PEOPLE, "seen_at");
        rows(byZonedTime);

        assertThat(byTime.maxWatermark()).contains(new Watermark(Watermark.Kind.TIMESTAMP, "2024-03-01T09:30:00.25"));
        assertThat(byVersion.maxWatermark()).contains(new Watermark(Watermark.Kind.NUMBER, "10"));
        assertThat(byZonedTime.maxWatermark())
                .as("a NULL watermark does not count")
                .contains(new Watermark(Watermark.Kind.TIMESTAMP_TZ, "2024-03-01T08:00:00Z"));
    }

    @Test
    void anEmptyResultHasAHeaderAndNoWatermark() throws SQLException {
        ResultSetReader reader = read(connection, PEOPLE + " where false", "updated_at");

        assertThat(reader.next()).isEmpty();
        assertThat(reader.header()).hasSize(12);
        assertThat(reader.maxWatermark()).isEmpty();
    }

    @Test
    void aWatermarkColumnTheResultLacksIsAnErrorThatListsTheColumns() {
        assertThatThrownBy(() -> read(connection, "select 1 as id, 'a' as name", "updated_at"))
                .isInstanceOf(PullFailedException.class)
                .hasMessageContaining("'updated_at'")
                .hasMessageContaining("id, name");
    }

    @Test
    void mariaDbValuesReadTheSameWay() throws SQLException {
        DepartmentDatabase mariaDb = DepartmentDatabase.mariaDb();
        try (Connection maria = mariaDb.connect()) {
            ResultSetReader reader = read(
                    maria,
                    "select 'k1' as id, cast('2024-03-01 08:00:00.250000' as datetime(6)) as updated_at,"
                            + " cast('1980-01-05' as date) as birth_date, cast(12.5 as decimal(10,2)) as price,"
                            + " cast(1e10 as double) as score, cast(42 as unsigned) as version,"
                            + " cast(null as char) as note",
                    "updated_at");

            List<Row> rows = rows(reader);

            assertThat(rows.get(0).values())
                    .containsExactly("k1", "2024-03-01T08:00:00.25", "1980-01-05", "12.50", "10000000000", "42", null);
            assertThat(reader.maxWatermark())
                    .contains(new Watermark(Watermark.Kind.TIMESTAMP, "2024-03-01T08:00:00.25"));
            assertThat(Arrays.asList(reader.header().toArray())).contains("updated_at");
        }
    }
}
