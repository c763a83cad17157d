package org.amalgam.standardize;

import static org.amalgam.standardize.StandardizedAssertions.assertStandardized;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GtinStandardizerTests {

    @ParameterizedTest(name = "[{index}] GTIN-{0}: ''{1}'' -> {2} {3}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            14 | 4006381333931      | 04006381333931 |
            14 | 036000291452       | 00036000291452 |
            14 | 0036000291452      | 00036000291452 |
            14 | 96385074           | 00000096385074 |
            14 | 10614141000415     | 10614141000415 |
            14 | '4006381 333931'   | 04006381333931 |
            14 | 400-6381-333931    | 04006381333931 |
            13 | 4006381333931      | 4006381333931  |
            13 | 036000291452       | 0036000291452  |
            13 | 10614141000415     | 10614141000415 |
            14 | 4006381333932      |                | has a wrong check digit (it should be 1)
            14 | 036000291453       |                | has a wrong check digit (it should be 2)
            14 | 1234567            |                | is not a GTIN (8, 12, 13 or 14 digits)
            14 | 123456789012345    |                | is not a GTIN
            14 | 4.00638E+12        |                | is not a GTIN
            14 | ABC                |                | is not a GTIN
            14 | '  '               |                |
            """)
    void checksTheCheckDigitAndWritesTheChosenLength(int length, String input, String value, String issue) {
        assertStandardized(new GtinStandardizer(length).apply(input), input, value, issue);
    }
}
