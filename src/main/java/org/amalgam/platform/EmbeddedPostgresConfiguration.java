package org.amalgam.platform;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Starts a real PostgreSQL 17 inside the application when no datasource is configured, so that
 * {@code ./mvnw spring-boot:run} works on a machine with nothing but a JDK. The data folder is kept between runs.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedPostgresConfiguration.NoDatasourceConfigured.class)
@EnableConfigurationProperties(EmbeddedPostgresProperties.class)
class EmbeddedPostgresConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresConfiguration.class);

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(EmbeddedPostgresProperties properties) throws IOException {
        Path dataDir = properties.dataDir().toAbsolutePath();
        Files.createDirectories(dataDir);
        OrphanedPostmaster.stopIfRunning(dataDir);
        log.info("Starting embedded PostgreSQL with its data in {}", dataDir);
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                // Spring stops the server after the application's own work has stopped; the library's own hook would
                // stop it at once, under running imports
                .setRegisterShutdownHook(false)
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("max_connections", "100")
                // the data folder is kept between runs, so it must survive a crash: the library's test defaults
                // turn these off for speed
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                // bulk loads write gigabytes: room for the write-ahead log between checkpoints, compressed page
                // images, and a buffer cache that holds the hot indexes (PostgreSQL's defaults are for tiny servers)
                .setServerConfig("shared_buffers", "256MB")
                .setServerConfig("max_wal_size", "4GB")
                .setServerConfig("checkpoint_timeout", "15min")
                .setServerConfig("wal_compression", "on");
        if (properties.port() > 0) {
            builder.setPort(properties.port());
        }
        EmbeddedPostgres postgres = builder.start();
        createDatabaseIfMissing(postgres, properties.database());
        log.info(
                "Embedded PostgreSQL is running on port {} (database '{}', data in {}); set SPRING_DATASOURCE_URL to use"
                        + " another server",
                postgres.getPort(),
                properties.database(),
                dataDir);
        return postgres;
    }

    @Bean
    HikariDataSource dataSource(EmbeddedPostgres postgres, EmbeddedPostgresProperties properties) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(postgres.getJdbcUrl("postgres", properties.database()) + "&reWriteBatchedInserts=true");
        dataSource.setUsername("postgres");
        dataSource.setPoolName("amalgam-embedded");
        dataSource.setMaximumPoolSize(20);
        return dataSource;
    }

    private static void createDatabaseIfMissing(EmbeddedPostgres postgres, String database) throws IOException {
        DataSource admin = postgres.getPostgresDatabase();
        try (Connection connection = admin.getConnection();
                PreparedStatement exists = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
            exists.setString(1, database);
            try (ResultSet rs = exists.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
            try (Statement create = connection.createStatement()) {
                // a database name cannot be a bound parameter; the name is checked to be a plain identifier
                if (!database.matches("[a-z_][a-z0-9_]{0,62}")) {
                    throw new IllegalArgumentException("amalgam.embedded-postgres.database must be a lowercase"
                            + " identifier (letters, digits, underscore), not '" + database + "'");
                }
                create.execute("create database " + database);
            }
        } catch (SQLException e) {
            throw new IOException("Could not create the database '" + database + "' in embedded PostgreSQL", e);
        }
    }

    /** Active when the user has not pointed Amalgam at a PostgreSQL server of their own. */
    static class NoDatasourceConfigured implements Condition {

        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            var env = context.getEnvironment();
            boolean enabled = env.getProperty("amalgam.embedded-postgres.enabled", Boolean.class, true);
            return enabled && !env.containsProperty("spring.datasource.url");
        }
    }

    /** A server left running by a run that was killed holds the data folder; it is stopped before we start. */
    static final class OrphanedPostmaster {

        private OrphanedPostmaster() {}

        static void stopIfRunning(Path dataDir) throws IOException {
            Path pidFile = dataDir.resolve("postmaster.pid");
            if (!Files.exists(pidFile)) {
                return;
            }
            List<String> lines = Files.readAllLines(pidFile);
            if (lines.isEmpty() || !lines.get(0).trim().matches("\\d+")) {
                return;
            }
            long pid = Long.parseLong(lines.get(0).trim());
            Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
            if (process.isEmpty()) {
                return;
            }
            String command = process.get().info().command().orElse("");
            if (!command.contains("postgres")) {
                return;
            }
            Optional<ProcessHandle> owner = process.get().parent().filter(ProcessHandle::isAlive);
            if (owner.isPresent() && owner.get().info().command().orElse("").contains("java")) {
                throw new IllegalStateException(
                        "Another running Amalgam (pid " + owner.get().pid()
                                + ") uses the embedded PostgreSQL in " + dataDir + ". Stop it first, or give this one"
                                + " another folder with amalgam.embedded-postgres.data-dir (AMALGAM_DATA_DIR).");
            }
            log.warn("Stopping an orphaned PostgreSQL server (pid {}) left by an earlier run on {}", pid, dataDir);
            process.get().destroy();
            if (!waitForExit(process.get(), Duration.ofSeconds(30))) {
                process.get().destroyForcibly();
                waitForExit(process.get(), Duration.ofSeconds(10));
            }
        }

        private static boolean waitForExit(ProcessHandle process, Duration timeout) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (process.isAlive() && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return !process.isAlive();
                }
            }
            return !process.isAlive();
        }
    }
}
