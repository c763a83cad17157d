package org.amalgam.ingest.jdbc;

import static org.junit.jupiter.api.Assertions.fail;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Assumptions;

/**
 * This machine's MariaDB as a department database for pull tests: 127.0.0.1:3306, user root without a password,
 * database {@code test} (override with {@code TEST_MARIADB_URL}, {@code TEST_MARIADB_USERNAME},
 * {@code TEST_MARIADB_PASSWORD}). Where it is not reachable the tests are skipped with a message, unless
 * {@code CI=true}, where that fails them.
 */
public final class DepartmentDatabase {

    private final String url;
    private final String username;
    private final String password;

    private DepartmentDatabase(String url, String username, String password) {
        this.url = url;
        this.username = username;
        this.password = password;
    }

    /** The MariaDB to pull from; aborts (or, on CI, fails) the calling test when it is not reachable. */
    public static DepartmentDatabase mariaDb() {
        DepartmentDatabase database = new DepartmentDatabase(
                System.getenv().getOrDefault("TEST_MARIADB_URL", "jdbc:mariadb://127.0.0.1:3306/test"),
                System.getenv().getOrDefault("TEST_MARIADB_USERNAME", "root"),
                System.getenv().getOrDefault("TEST_MARIADB_PASSWORD", ""));
        try (Connection connection = database.connect()) {
            connection.isValid(5);
        } catch (SQLException e) {
            String message = "JDBC pull tests need MariaDB at " + database.url + " (user " + database.username
                    + "), which is not reachable: " + e.getMessage()
                    + ". Start it, or point TEST_MARIADB_URL at one.";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(message);
            }
            Assumptions.abort(message);
        }
        return database;
    }

    public String url() {
        return url;
    }

    public String username() {
        return username;
    }

    /** The password as a pull definition sends it: null when the user has none. */
    public String password() {
        return password.isEmpty() ? null : password;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, username, password);
    }

    /** A table name no other test uses. */
    public static String uniqueTable(String prefix) {
        return prefix + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40, 1L << 41), 36);
    }

    /** Runs one statement with bound parameters. */
    public int execute(String sql, Object... parameters) {
        try (Connection connection = connect();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("MariaDB refused: " + sql, e);
        }
    }
}
