package org.amalgam.standardize;

import static org.amalgam.standardize.StandardizedAssertions.assertStandardized;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TextStandardizerTests {

    private final TextStandardizer standardizer = new TextStandardizer();

    static Stream<Arguments> texts() {
        return Stream.of(
                arguments("Ann", "Ann"),
                arguments("  Ann  ", "Ann"),
                arguments("Ann    Marie", "Ann Marie"),
                arguments("Ann\t\tMarie", "Ann Marie"),
                arguments("Ann\r\nMarie", "Ann Marie"),
                arguments("Ann\u00a0Marie", "Ann Marie"),
                arguments("Ann\u202f\u3000Marie", "Ann Marie"),
                arguments("Ann\u0085Marie", "Ann Marie"),
                arguments("Ann\u0000Marie", "AnnMarie"),
                arguments("Ann\u0007 Marie", "Ann Marie"),
                arguments("\ufeffAnn", "Ann"),
                arguments("Ann\u200bMarie", "AnnMarie"),
                arguments("Ma\u00adrie", "Marie"),
                arguments("Jose\u0301", "Jos\u00e9"),
                arguments("Zo\u00eb", "Zo\u00eb"),
                arguments("\ufb01le", "\ufb01le"),
                arguments("", null),
                arguments(" ", null),
                arguments("\t\n", null),
                arguments("\u0000", null),
                arguments("\u00a0\u200b", null));
    }

    @ParameterizedTest(name = "[{index}] ''{0}'' -> ''{1}''")
    @MethodSource("texts")
    void composesAccentsRemovesInvisibleCharactersAndFoldsEveryKindOfSpace(String input, String expected) {
        assertStandardized(standardizer.apply(input), expected, null);
    }
}
