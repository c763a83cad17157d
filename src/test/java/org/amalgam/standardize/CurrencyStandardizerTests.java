package org.amalgam.standardize;

import static org.amalgam.standardize.StandardizedAssertions.assertStandardized;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CurrencyStandardizerTests {

    private final CurrencyStandardizer standardizer = new CurrencyStandardizer();

    @ParameterizedTest(name = "[{index}] region {0}: ''{1}'' -> {2} {3}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            # source region | input         | value | issue
                            | 1.234,56 €    | EUR   |
                            | EUR 12        | EUR   |
                            | eur           | EUR   |
                            | Euro          | EUR   |
                            | €             | EUR   |
                            | $1,234.56     | USD   |
            CA              | $12           | CAD   |
            DE              | $12           | USD   |
                            | £5            | GBP   |
                            | 12.50 usd     | USD   |
                            | R$ 10,00      | BRL   |
                            | CHF 1'234.50  | CHF   |
                            | 12,5          |       |
                            | ABC           |       | is not a known currency
                            | 12 XYZ        |       | is not a known currency
                            | '  '          |       |
            """)
    void readsTheIso4217CodeFromCodesAndSymbols(String region, String input, String value, String issue) {
        assertStandardized(standardizer.apply(input, StandardizationContext.ofRegion(region)), input, value, issue);
    }
}
