package org.amalgam.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The one PostgreSQL database of this test JVM, chosen in the order DESIGN.md gives: a server named by
 * {@code TEST_DATABASE_URL} (a fresh database is created on it and dropped at exit), else Testcontainers when a
 * Docker engine is reachable, else an embedded PostgreSQL in a temporary folder. Started on first use.
 */
public final class TestDatabase {

    static final String URL_VARIABLE = "TEST_DATABASE_URL";
    static final String USERNAME_VARIABLE = "TEST_DATABASE_USERNAME";
    static final String PASSWORD_VARIABLE = "TEST_DATABASE_PASSWORD";

    private static final Logger log = LoggerFactory.getLogger(TestDatabase.class);
    private static final String INSUFFICIENT_PRIVILEGE = "42501";

    private static TestDatabase instance;

    private final String url;
    private final String username;
    private final String password;

    private TestDatabase(String url, String username, String password) {
        this.url = url;
        this.username = username;
        this.password = password;
    }

    /** The database of this JVM; the first call starts or creates it. */
    public static synchronized TestDatabase get() {
        if (instance == null) {
            instance = start();
        }
        return instance;
    }

    public String url() {
        return url;
    }

    public String username() {
        return username;
    }

    public String password() {
        return password;
    }

    private static TestDatabase start() {
        String serverUrl = System.getenv(URL_VARIABLE);
        if (serverUrl != null && !serverUrl.isBlank()) {
            return onServer(serverUrl.strip(), System.getenv(USERNAME_VARIABLE), System.getenv(PASSWORD_VARIABLE));
        }
        if (dockerAvailable()) {
            return inContainer();
        }
        return embedded();
    }

    private static TestDatabase onServer(String serverUrl, String username, String password) {
        String name = "amalgam_test_" + HexFormat.of().formatHex(randomBytes());
        try (Connection connection = connect(serverUrl, username, password);
                Statement statement = connection.createStatement()) {
            // a database name cannot be a bound parameter; this one is generated from hex digits
            statement.execute("create database " + name);
        } catch (SQLException e) {
            if (INSUFFICIENT_PRIVILEGE.equals(e.getSQLState())) {
                log.warn(
                        "Tests use the database {} as it is, because this user may not create a database ({}); data"
                                + " from earlier runs stays in it",
                        serverUrl,
                        e.getMessage());
                return new TestDatabase(serverUrl, username, password);
            }
            throw new IllegalStateException(
                    "Could not create a test database on " + serverUrl + ": " + e.getMessage() + " (set by "
                            + URL_VARIABLE + ")",
                    e);
        }
        Runtime.getRuntime()
                .addShutdownHook(new Thread(() -> drop(serverUrl, username, password, name), "drop-test-database"));
        String url = withDatabase(serverUrl, name);
        log.info(
                "Tests use the new database {} on the server of {} ({}); it is dropped at exit",
                name,
                serverUrl,
                URL_VARIABLE);
        return new TestDatabase(url, username, password);
    }

    private static void drop(String serverUrl, String username, String password, String name) {
        try (Connection connection = connect(serverUrl, username, password);
                Statement statement = connection.createStatement()) {
            statement.execute("drop database if exists " + name + " with (force)");
        } catch (SQLException e) {
            log.warn("Could not drop the test database {} on {}: {}", name, serverUrl, e.getMessage());
        }
    }

    private static Connection connect(String url, String username, String password) throws SQLException {
        Properties properties = new Properties();
        if (username != null && !username.isBlank()) {
            properties.setProperty("user", username);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        return DriverManager.getConnection(url, properties);
    }

    /** The same server URL with another database: {@code jdbc:postgresql://host:port/db?params}. */
    static String withDatabase(String url, String database) {
        String prefix = "jdbc:postgresql:";
        if (!url.startsWith(prefix)) {
            throw new IllegalArgumentException(URL_VARIABLE + " must be a PostgreSQL JDBC URL such as"
                    + " jdbc:postgresql://localhost:5432/postgres, not '" + url + "'");
        }
        int query = url.indexOf('?');
        String params = query < 0 ? "" : url.substring(query);
        String base = query < 0 ? url : url.substring(0, query);
        if (!base.startsWith(prefix + "//")) {
            return prefix + database + params;
        }
        int slash = base.indexOf('/', prefix.length() + 2);
        String server = slash < 0 ? base : base.substring(0, slash);
        return server + "/" + database + params;
    }

    /**
     * Asks Testcontainers only when there is a sign of a Docker engine, because its own search logs errors and takes
     * seconds on a machine without one.
     */
    private static boolean dockerAvailable() {
        String home = System.getProperty("user.home");
        String runtimeDir = System.getenv("XDG_RUNTIME_DIR");
        boolean hint = System.getenv("DOCKER_HOST") != null
                || System.getenv("TESTCONTAINERS_HOST_OVERRIDE") != null
                || Files.exists(Path.of(home, ".testcontainers.properties"))
                || Files.exists(Path.of("/var/run/docker.sock"))
                || Files.exists(Path.of(home, ".docker", "run", "docker.sock"))
                || Files.exists(Path.of(home, ".docker", "desktop", "docker.sock"))
                || (runtimeDir != null && Files.exists(Path.of(runtimeDir, "docker.sock")));
        if (!hint) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            log.debug("Docker is not usable", e);
            return false;
        }
    }

    private static TestDatabase inContainer() {
        PostgreSQLContainer container = new PostgreSQLContainer("postgres:17-alpine");
        container.start();
        Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "stop-test-database"));
        log.info("Tests use PostgreSQL in a Testcontainers container ({})", container.getJdbcUrl());
        return new TestDatabase(container.getJdbcUrl(), container.getUsername(), container.getPassword());
    }

    private static TestDatabase embedded() {
        try {
            Path folder = Files.createTempDirectory("amalgam-test-postgres-");
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(folder.resolve("data"))
                    .setCleanDataDirectory(true)
                    .setRegisterShutdownHook(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .start();
            Runtime.getRuntime()
                    .addShutdownHook(new Thread(
                            () -> {
                                try {
                                    postgres.close();
                                } catch (IOException e) {
                                    log.warn("Could not stop the embedded test PostgreSQL", e);
                                }
                                TemporaryFolders.delete(folder);
                            },
                            "stop-test-database"));
            String url = postgres.getJdbcUrl("postgres", "postgres");
            log.info(
                    "Tests use an embedded PostgreSQL in {} (no {} and no Docker engine); it is removed at exit",
                    folder,
                    URL_VARIABLE);
            return new TestDatabase(url, "postgres", "");
        } catch (IOException e) {
            throw new IllegalStateException(
                    "Could not start an embedded PostgreSQL for the tests: " + e.getMessage() + ". Set " + URL_VARIABLE
                            + " to use a server instead.",
                    e);
        }
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[6];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }
}
