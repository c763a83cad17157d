package org.amalgam.standardize;

import static org.amalgam.standardize.StandardizedAssertions.assertStandardized;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MoneyStandardizerTests {

    @ParameterizedTest(name = "[{index}] decimal {0}: ''{1}'' -> {2} {3}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            # decimal | input         | value      | issue
                      | 1.234,56 €    | 1234.56    |
                      | $1,234.56     | 1234.56    |
                      | EUR 12        | 12         |
                      | 12,5          | 12.5       |
                      | 12.50 USD     | 12.5       |
                      | € 1 234,56    | 1234.56    |
                      | CHF 1'234.50  | 1234.5     |
                      | Fr.12.50      | 12.5       |
                      | 12,- €        | 12         |
                      | 1.234         | 1234       |
                      | 0.125         | 0.125      |
                      | ,50           | 0.5        |
                      | 1,23,456.78   | 123456.78  |
                      | 0,00 €        | 0          |
            ,         | 1.234         | 1234       |
            .         | 1,234         | 1234       |
            .         | 1.234         | 1.234      |
            ,         | 12.5          |            | is not a price
                      | -5 €          |            | is a negative price
                      | € -5          |            | is a negative price
                      | (5.00)        |            | is a negative price
                      | 5-            |            | is a negative price
                      | 12 ABC        |            | is not a price
                      | €             |            | has no amount
                      | twelve        |            | is not a price
                      | 1,2.3         |            | is not a price
                      | 1.2.3         |            | is not a price
                      | '  '          |            |
            """)
    void writesAPlainDecimalAmountAndRefusesNegativePrices(String decimal, String input, String value, String issue) {
        assertStandardized(MoneyStandardizer.withDecimalSeparator(decimal).apply(input), input, value, issue);
    }
}
