package org.amalgam.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.context.ContextCustomizer;

class TestDatabaseContextCustomizerFactoryTests {

    private final TestDatabaseContextCustomizerFactory factory = new TestDatabaseContextCustomizerFactory();

    @SpringBootTest
    static class FullApplication {}

    @JdbcTest
    static class JdbcSlice {}

    @WebMvcTest
    static class WebSlice {}

    @Test
    void aWebSliceStartsNoDatabase() {
        assertThat(factory.createContextCustomizer(WebSlice.class, List.of())).isNull();
    }

    @Test
    void everyContextWithADatabaseGetsTheSameCustomizerSoContextsAreShared() {
        ContextCustomizer full = factory.createContextCustomizer(FullApplication.class, List.of());
        ContextCustomizer jdbc = factory.createContextCustomizer(JdbcSlice.class, List.of());

        assertThat(full).isNotNull().isEqualTo(jdbc).hasSameHashCodeAs(jdbc);
    }
}
