package org.amalgam.platform;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the embedded PostgreSQL, used only when no {@code spring.datasource.url} is configured.
 *
 * @param dataDir where the database files live between runs
 * @param port the port to listen on; 0 picks a free one
 * @param database the database Amalgam uses inside the embedded server
 */
@ConfigurationProperties("amalgam.embedded-postgres")
public record EmbeddedPostgresProperties(Path dataDir, int port, String database) {

    public EmbeddedPostgresProperties {
        if (dataDir == null) {
            dataDir = Path.of(System.getProperty("user.home"), ".amalgam", "postgres");
        }
        if (database == null || database.isBlank()) {
            database = "amalgam";
        }
    }
}
