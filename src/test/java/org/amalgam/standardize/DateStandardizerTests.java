package org.amalgam.standardize;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DateStandardizerTests {

    @ParameterizedTest(name = "[{index}] ''{0}'' -> {1}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            2024-02-29            | 2024-02-29
            ' 1980-01-05 '        | 1980-01-05
            20240229              | 2024-02-29
            29.02.2024            | 2024-02-29
            5.1.1980              | 1980-01-05
            05/01/1980            | 1980-01-05
            05-01-1980            | 1980-01-05
            1980/1/5              | 1980-01-05
            2024-02-29T13:45:00Z  | 2024-02-29
            """)
    void turnsKnownFormsIntoIsoDatesReadingDayFirst(String input, String expected) {
        Standardized result = new DateStandardizer().apply(input);

        assertThat(result.value()).isEqualTo(expected);
        assertThat(result.issue()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2023-02-29", "1980-13-01", "32.01.1980", "yesterday", "1980", "01/13/1980x"})
    void refusesImpossibleOrUnknownDatesAndNamesTheValue(String input) {
        Standardized result = new DateStandardizer().apply(input);

        assertThat(result.hasValue()).isFalse();
        assertThat(result.issue()).contains("'" + input + "'").contains("not a valid date");
    }

    @ParameterizedTest(name = "[{index}] ''{1}'' in {0} -> {2}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            MM/dd/yyyy | 02/01/2024 | 2024-02-01
            MM/dd/yyyy | 12/31/1999 | 1999-12-31
            yyyyMMdd   | 19800105   | 1980-01-05
            dd.MM.yy   | 05.01.24   | 2024-01-05
            dd-MM-yyyy | 05-01-1980 | 1980-01-05
            """)
    void readsDatesInTheFormatOfTheMapping(String format, String input, String expected) {
        Standardized result = new DateStandardizer(format).apply(input);

        assertThat(result.value()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{index}] ''{1}'' in {0} is refused")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            MM/dd/yyyy | 13/01/2024
            MM/dd/yyyy | 2024-01-13
            yyyyMMdd   | 1980-01-05
            """)
    void anExplicitFormatReplacesTheBuiltInForms(String format, String input) {
        Standardized result = new DateStandardizer(format).apply(input);

        assertThat(result.hasValue()).isFalse();
        assertThat(result.issue()).contains("'" + input + "'").contains("format of the mapping");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  "})
    void blankDateHasNeitherValueNorIssue(String input) {
        Standardized result = new DateStandardizer().apply(input);

        assertThat(result.hasValue()).isFalse();
        assertThat(result.issue()).isNull();
    }
}
