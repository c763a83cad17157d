package org.amalgam.testing;

import java.util.List;
import java.util.Map;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Points every test application context that needs a database at the {@link TestDatabase} of this JVM, and gives it
 * the settings the tests rely on (the administrator's password, a spool folder of their own). A {@code @WebMvcTest}
 * slice has no database and is left alone.
 */
class TestDatabaseContextCustomizerFactory implements ContextCustomizerFactory {

    static final String ADMIN_PASSWORD = "admin-password-for-tests";

    @Override
    public ContextCustomizer createContextCustomizer(
            Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
        if (TestContextAnnotationUtils.hasAnnotation(testClass, WebMvcTest.class)) {
            return null;
        }
        return new TestDatabaseContextCustomizer();
    }

    /** Stateless, so that every context it customizes can share the context cache. */
    static final class TestDatabaseContextCustomizer implements ContextCustomizer {

        private static final String PROPERTY_SOURCE = "amalgamTestDatabase";

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
            context.getEnvironment()
                    .getPropertySources()
                    .addFirst(new MapPropertySource(PROPERTY_SOURCE, properties()));
        }

        /** The settings every test application gets: the test database, the admin's password, no schedules. */
        static Map<String, Object> properties() {
            TestDatabase database = TestDatabase.get();
            return Map.of(
                    "spring.datasource.url", database.url(),
                    "spring.datasource.username", nullToEmpty(database.username()),
                    "spring.datasource.password", nullToEmpty(database.password()),
                    // @DataJpaTest and @JdbcTest would otherwise look for an in-memory database; there is none
                    "spring.test.database.replace", "none",
                    "amalgam.admin.password", ADMIN_PASSWORD,
                    "amalgam.import.spool-dir", SpoolFolder.PATH.toString(),
                    // schedules would keep working while the test JVM stops PostgreSQL
                    "amalgam.scheduling.enabled", "false");
        }

        private static String nullToEmpty(String value) {
            return value == null ? "" : value;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof TestDatabaseContextCustomizer;
        }

        @Override
        public int hashCode() {
            return TestDatabaseContextCustomizer.class.hashCode();
        }
    }

    /** Created on first use, so that a JVM running only plain unit tests leaves nothing behind. */
    private static final class SpoolFolder {
        static final java.nio.file.Path PATH = TemporaryFolders.createDeletedAtExit("amalgam-test-imports-");
    }
}
