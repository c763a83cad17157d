package org.amalgam.standardize;

import static org.amalgam.standardize.StandardizedAssertions.assertStandardized;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PostalCodeStandardizerTests {

    @ParameterizedTest(name = "[{index}] model {0}, record {1}: ''{2}'' -> {3} {4}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            # model country | record country | input          | value      | issue
                            |                | ' 10115 '      | 10115      |
                            |                | sw1a   1aa     | SW1A 1AA   |
                            |                | 1234ab         | 1234AB     |
            DE              |                | 10115          | 10115      |
                            | DE             | 1067           | 01067      |
                            | Germany        | 10115          | 10115      |
            DE              |                | D-10115        | 10115      |
            DE              |                | 101150         |            | is not a postal code of Germany (five digits)
            DE              |                | ABCDE          |            | not a postal code of Germany
            FR              |                | 75001          | 75001      |
            FR              |                | 75 001         | 75001      |
            FR              |                | 1000           | 01000      |
            FR              |                | F-75001        | 75001      |
            US              |                | 02134          | 02134      |
            US              |                | 2134           | 02134      |
            US              |                | 12345-6789     | 12345-6789 |
            US              |                | 123456789      | 12345-6789 |
            US              |                | '12345 - 6789' | 12345-6789 |
            US              |                | 1234567        |            | not a postal code of United States (five digits, or five and four: 12345-6789)
            GB              |                | sw1a1aa        | SW1A 1AA   |
            GB              |                | 'SW1A  1AA'    | SW1A 1AA   |
            GB              |                | EC1A 1BB       | EC1A 1BB   |
            GB              |                | m1 1ae         | M1 1AE     |
            GB              |                | 12345          |            | not a postal code of United Kingdom
            NL              |                | 1234ab         | 1234 AB    |
            NL              |                | '1234  AB'     | 1234 AB    |
            NL              |                | 0123 AB        |            | not a postal code of Netherlands (four digits and two letters: 1234 AB)
            DE              | NL             | 1234 ab        | 1234 AB    |
            AT              |                | 1010           | 1010       |
            DE              |                | '  '           |            |
            """)
    void foldsAndUpperCasesAndChecksTheShapeOfTheCountry(
            String modelCountry, String recordCountry, String input, String value, String issue) {
        PostalCodeStandardizer standardizer = new PostalCodeStandardizer(modelCountry);
        StandardizationContext context = new StandardizationContext(null, recordCountry);

        assertStandardized(standardizer.apply(input, context), input, value, issue);
    }
}
