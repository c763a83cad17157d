package org.amalgam.standardize;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EmailStandardizerTests {

    private final EmailStandardizer standardizer = new EmailStandardizer();

    @ParameterizedTest(name = "[{index}] ''{0}'' -> ''{1}''")
    @CsvSource(
            delimiter = '|',
            ignoreLeadingAndTrailingWhitespace = false,
            textBlock =
                    """
            ann@example.com|ann@example.com
            Ann.Lee@Example.COM|ann.lee@example.com
              ann@example.com  |ann@example.com
            mailto:ann@example.com|ann@example.com
            MAILTO:Ann@Example.com|ann@example.com
            ann+news@mail.example.co.uk|ann+news@mail.example.co.uk
            """)
    void trimsAndLowerCasesAnAddress(String input, String expected) {
        Standardized result = standardizer.apply(input);

        assertThat(result.value()).isEqualTo(expected);
        assertThat(result.issue()).isNull();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "ann",
                "ann@",
                "@example.com",
                "ann@example",
                "ann@example.c",
                "ann lee@example.com",
                "ann@@example.com",
                "ann@example.com."
            })
    void refusesTextThatIsNotAnAddressAndSaysWhichValue(String input) {
        Standardized result = standardizer.apply(input);

        assertThat(result.hasValue()).isFalse();
        assertThat(result.issue()).contains("'" + input + "'").contains("not an e-mail address");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "mailto:"})
    void blankAddressHasNeitherValueNorIssue(String input) {
        Standardized result = standardizer.apply(input);

        assertThat(result.hasValue()).isFalse();
        assertThat(result.issue()).isNull();
    }
}
