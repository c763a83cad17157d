package org.amalgam.standardize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class TextStandardizerTests {

    private final TextStandardizer standardizer = new TextStandardizer();

    static Stream<Arguments> texts() {
        return Stream.of(
                arguments("Ann", "Ann"),
                arguments("  Ann  ", "Ann"),
                arguments("Ann    Marie", "Ann Marie"),
                arguments("Ann\t\tMarie", "Ann Marie"),
                arguments("Ann\r\nMarie", "Ann Marie"),
                arguments("Ann\u00a0Marie", "Ann\u00a0Marie"),
                arguments("Ann\u0000Marie", "AnnMarie"),
                arguments("Ann\u0007 Marie", "Ann Marie"),
                arguments("Jose\u0301", "Jos\u00e9"),
                arguments("Zo\u00eb", "Zo\u00eb"));
    }

    @ParameterizedTest
    @MethodSource("texts")
    void foldsWhiteSpaceRemovesControlCharactersAndComposesAccents(String input, String expected) {
        Standardized result = standardizer.apply(input);

        assertThat(result.value()).isEqualTo(expected);
        assertThat(result.issue()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t\n", "\u0000"})
    void blankTextHasNeitherValueNorIssue(String input) {
        Standardized result = standardizer.apply(input);

        assertThat(result.hasValue()).isFalse();
        assertThat(result.issue()).isNull();
    }
}
