package org.amalgam.shared;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * {@code COPY … FROM STDIN} on a connection of PostgreSQL's driver, the way the bulk paths write many rows at once: the
 * rows the caller writes, then the end of the copy; a copy that a failure left open is cancelled, so that the
 * connection can go back to its transaction (the failure that left it open is the one reported).
 */
public final class PostgresCopy {

    /** Writes the rows of one copy, in {@code COPY}'s text format. */
    public interface Rows {
        void write(CopyIn copy) throws SQLException;
    }

    private PostgresCopy() {}

    /**
     * Compresses values written in the rest of the transaction with lz4 instead of pglz, where the server was built
     * with lz4; elsewhere nothing changes.
     */
    static final String LZ4_IN_TRANSACTION =
            """
            select set_config('default_toast_compression', 'lz4', true) from pg_settings
             where name = 'default_toast_compression' and 'lz4' = any(enumvals)
            """;

    /**
     * Creates the staging table (a {@code create temporary table if not exists …} statement, or null when there is
     * none to create), then copies the rows into it as {@link #in} does; answers the number of rows copied.
     */
    public static long staged(Connection connection, String createTable, String copySql, Rows rows)
            throws SQLException {
        if (createTable != null) {
            try (Statement statement = connection.createStatement()) {
                statement.execute(createTable);
                // large documents are compressed as they enter the staging table, and keep that compression in the
                // table they are copied to: lz4 (the hub's JSON columns use it, V027) where the server has it
                statement.execute(LZ4_IN_TRANSACTION);
            }
        }
        return in(connection, copySql, rows);
    }

    /** Runs the copy statement with the given rows; answers the number of rows copied. */
    public static long in(Connection connection, String copySql, Rows rows) throws SQLException {
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copySql);
        try {
            rows.write(copy);
            return copy.endCopy();
        } finally {
            if (copy.isActive()) {
                try {
                    copy.cancelCopy();
                } catch (SQLException notCancelled) {
                    // the copy failed already; that failure is the one to report
                }
            }
        }
    }
}
