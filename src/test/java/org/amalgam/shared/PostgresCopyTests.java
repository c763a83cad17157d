package org.amalgam.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.util.List;
import javax.sql.DataSource;
import org.amalgam.testing.ApplicationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.support.TransactionTemplate;

/** Staged copies, and the compression of the JSON documents they carry into the hub's tables. */
@ApplicationTest
class PostgresCopyTests {

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transaction;

    private boolean lz4() {
        return jdbc.sql("select 'lz4' = any(enumvals) from pg_settings where name = 'default_toast_compression'")
                .query(Boolean.class)
                .single();
    }

    @Test
    void everyJsonColumnOfTheHubCompressesWithLz4WhereTheServerHasIt() {
        List<String> methods = jdbc.sql(
                        """
                        select distinct a.attcompression::text from pg_attribute a
                          join pg_class c on c.oid = a.attrelid and c.relkind = 'r'
                          join pg_namespace n on n.oid = c.relnamespace and n.nspname = current_schema()
                         where a.atttypid = 'jsonb'::regtype and a.attnum > 0 and not a.attisdropped
                        """)
                .query(String.class)
                .list();
        assertThat(methods).containsExactly(lz4() ? "l" : "");
    }

    @Test
    void aLargeDocumentCopiedThroughAStagingTableKeepsLz4() {
        String large = "{\"values\": [" + "\"a value that repeats\", ".repeat(400) + "\"end\"]}";
        String method = transaction.execute(status -> {
            Connection connection = DataSourceUtils.getConnection(dataSource);
            try {
                long copied = PostgresCopy.staged(
                        connection,
                        "create temporary table if not exists amalgam_copy_test (doc jsonb) on commit drop",
                        "copy amalgam_copy_test (doc) from stdin",
                        copy -> {
                            byte[] row = (large + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
                            copy.writeToCopy(row, 0, row.length);
                        });
                assertThat(copied).isEqualTo(1);
                return jdbc.sql("select pg_column_compression(doc) from amalgam_copy_test")
                        .query(String.class)
                        .single();
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            } finally {
                DataSourceUtils.releaseConnection(connection, dataSource);
            }
        });
        assertThat(method).isEqualTo(lz4() ? "lz4" : "pglz");
    }
}
