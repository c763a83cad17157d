package org.amalgam.standardize;

import static org.amalgam.standardize.StandardizedAssertions.assertStandardized;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NumberStandardizerTests {

    @ParameterizedTest(name = "[{index}] decimal {0}: ''{1}'' -> {2} {3}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            # decimal | input       | value   | issue
                      | 42          | 42      |
                      | 1.234,5     | 1234.5  |
                      | 1,234.5     | 1234.5  |
                      | -12,50      | -12.5   |
                      | 1.5E+3      | 1500    |
                      | 0,001       | 0.001   |
                      | 1 000 000   | 1000000 |
            ,         | 1.234       | 1234    |
            .         | 1.234       | 1.234   |
                      | 12 €        |         | is not a number
                      | abc         |         | is not a number
                      | 1.2.3       |         | is not a number
                      | '  '        |         |
            """)
    void writesAPlainDecimalWithAPoint(String decimal, String input, String value, String issue) {
        assertStandardized(NumberStandardizer.withDecimalSeparator(decimal).apply(input), input, value, issue);
    }
}
