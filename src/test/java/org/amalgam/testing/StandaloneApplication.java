package org.amalgam.testing;

import java.util.ArrayList;
import java.util.List;
import org.amalgam.AmalgamApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole application on a random port, against the {@link TestDatabase}, for tests that start it themselves once
 * for a whole class instead of through Spring's test context (the randomized merge and split tests).
 */
public final class StandaloneApplication {

    private StandaloneApplication() {}

    public static ConfigurableApplicationContext start() {
        // as command-line arguments, so that they win over application.yaml as the test context's settings do
        List<String> arguments = new ArrayList<>();
        TestDatabaseContextCustomizerFactory.TestDatabaseContextCustomizer.properties()
                .forEach((key, value) -> arguments.add("--" + key + "=" + value));
        arguments.add("--server.port=0");
        return new SpringApplicationBuilder(AmalgamApplication.class)
                .logStartupInfo(false)
                .run(arguments.toArray(String[]::new));
    }
}
