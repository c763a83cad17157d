package org.amalgam.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TestDatabaseTests {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            jdbc:postgresql://127.0.0.1:5432/test                          | jdbc:postgresql://127.0.0.1:5432/fresh
            jdbc:postgresql://db.example.com/test?sslmode=require          | jdbc:postgresql://db.example.com/fresh?sslmode=require
            jdbc:postgresql://localhost:5432                               | jdbc:postgresql://localhost:5432/fresh
            jdbc:postgresql://localhost:5432/?user=ci                      | jdbc:postgresql://localhost:5432/fresh?user=ci
            jdbc:postgresql://h1:5432,h2:5433/test?targetServerType=primary | jdbc:postgresql://h1:5432,h2:5433/fresh?targetServerType=primary
            jdbc:postgresql:test                                           | jdbc:postgresql:fresh
            """)
    void theTestDatabaseIsOnTheSameServerWithTheSameParameters(String serverUrl, String expected) {
        assertThat(TestDatabase.withDatabase(serverUrl, "fresh")).isEqualTo(expected);
    }

    @Test
    void aUrlOfAnotherDatabaseSystemIsRefusedWithAnExample() {
        assertThatThrownBy(() -> TestDatabase.withDatabase("jdbc:mysql://localhost/test", "fresh"))
                .hasMessageContaining("TEST_DATABASE_URL")
                .hasMessageContaining("jdbc:postgresql://");
    }
}
