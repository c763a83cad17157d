package org.amalgam.standardize;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StandardizersTests {

    private final Standardizers standardizers = new Standardizers();

    @ParameterizedTest(name = "[{index}] {0}: ''{2}'' -> ''{3}''")
    @CsvSource(
            delimiter = '|',
            nullValues = "null",
            textBlock =
                    """
            email      | null       | '  Ann@Example.COM '  | ann@example.com
            date       | null       | 05.01.1980            | 1980-01-05
            date       | yyyyMMdd   | 19800105              | 1980-01-05
            date       | MM/dd/yyyy | ' 01/05/1980 '        | 1980-01-05
            name       | null       | '  Ann   Lee '        | Ann Lee
            text       | null       | Ann                   | Ann
            identifier | null       | ' AB  12 '            | AB 12
            phone      | null       | '+49 30  1234'        | +49 30 1234
            """)
    void cleansTextThenAppliesTheRuleOfTheDataType(String dataType, String format, String input, String expected) {
        Standardized result = standardizers.standardize(dataType, format, input);

        assertThat(result.value()).isEqualTo(expected);
        assertThat(result.issue()).isNull();
    }

    @ParameterizedTest(name = "[{index}] {0}: ''{1}''")
    @CsvSource(
            delimiter = '|',
            textBlock = """
            email | ann-at-example.com
            date  | 1980-02-30
            """)
    void reportsAnInvalidValueWithItsReason(String dataType, String input) {
        Standardized result = standardizers.standardize(dataType, null, input);

        assertThat(result.hasValue()).isFalse();
        assertThat(result.issue()).contains(input);
    }

    @Test
    void aMissingOrBlankValueIsEmptyWhateverTheType() {
        assertThat(standardizers.standardize("email", null, null)).isEqualTo(Standardized.empty());
        assertThat(standardizers.standardize("email", null, "   ")).isEqualTo(Standardized.empty());
        assertThat(standardizers.standardize("date", "yyyyMMdd", "\t")).isEqualTo(Standardized.empty());
    }
}
