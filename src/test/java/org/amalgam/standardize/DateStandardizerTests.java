package org.amalgam.standardize;

import static org.amalgam.standardize.StandardizedAssertions.assertStandardized;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DateStandardizerTests {

    @ParameterizedTest(name = "[{index}] pattern {0}, order {1}: ''{2}'' -> {3} {4}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            # pattern   | order | input                      | value      | issue
                        |       | 2024-02-29                 | 2024-02-29 |
                        |       | ' 1980-01-05 '             | 1980-01-05 |
                        |       | 0999-01-05                 | 0999-01-05 |
                        |       | 1980-1-5                   | 1980-01-05 |
                        |       | 2000-02-29                 | 2000-02-29 |
                        |       | 1900-02-29                 |            | is not a valid date (there is no 29 February 1900)
                        |       | 1980-01-00                 |            | is not a valid date (there is no 0 January 1980)
                        |       | 20240229                   | 2024-02-29 |
                        |       | 29.02.2024                 | 2024-02-29 |
                        |       | 5.1.1980                   | 1980-01-05 |
                        |       | 05/01/1980                 | 1980-01-05 |
                        |       | 05-01-1980                 | 1980-01-05 |
                        |       | 1980/1/5                   | 1980-01-05 |
                        |       | 1980.01.05                 | 1980-01-05 |
                        |       | 2024-02-29T13:45:00Z       | 2024-02-29 |
                        |       | 2024-02-29T23:30:00-05:00  | 2024-02-29 |
                        |       | 2024-02-29 13:45:00.123    | 2024-02-29 |
                        |       | 05.01.1980 00:00           | 1980-01-05 |
                        |       | 5 Jan 1980                 | 1980-01-05 |
                        |       | 05-JAN-1980                | 1980-01-05 |
                        |       | 5th January 1980           | 1980-01-05 |
                        |       | 5 Sept. 1980               | 1980-09-05 |
                        |       | Jan 5, 1980                | 1980-01-05 |
                        |       | January 5th 1980           | 1980-01-05 |
                        |       | Tue, 5 Feb 1980            | 1980-02-05 |
                        |       | Tuesday, February 5, 1980  | 1980-02-05 |
                        | mdy   | 02/01/2024                 | 2024-02-01 |
                        | mdy   | 12/31/1999                 | 1999-12-31 |
                        | mdy   | 2024-02-01                 | 2024-02-01 |
                        |       | 12/31/1999                 |            | is not a valid date (there is no month 31)
                        |       | 1999-13-40                 |            | is not a valid date (there is no month 13)
                        |       | 2023-02-29                 |            | is not a valid date (there is no 29 February 2023)
                        |       | 32.01.1980                 |            | (there is no 32 January 1980)
                        |       | 0000-00-00                 |            | is not a valid date
                        |       | 31 Apr 1980                |            | (there is no 31 April 1980)
                        |       | 5 Foo 1980                 |            | is not a valid date (use yyyy-MM-dd)
                        |       | Funday, 5 Feb 1980         |            | not a valid date
                        |       | 2024-02-29Tlunch           |            | not a valid date
                        |       | 05.01.80                   |            | not a valid date
                        |       | yesterday                  |            | is not a valid date
                        |       | 1980                       |            | is not a valid date
                        |       | 01/13/1980x                |            | is not a valid date
            MM/dd/yyyy  |       | 02/01/2024                 | 2024-02-01 |
            MM/dd/yyyy  |       | 12/31/1999                 | 1999-12-31 |
            yyyyMMdd    |       | 19800105                   | 1980-01-05 |
            dd.MM.yy    |       | 05.01.24                   | 2024-01-05 |
            dd.MM.yy    |       | 05.01.80                   | 1980-01-05 |
            dd-MM-yyyy  |       | 05-01-1980                 | 1980-01-05 |
            d MMM yyyy  |       | 5 jan 1980                 | 1980-01-05 |
            dd.MM.yyyy  |       | 05.01.1980 13:45           | 1980-01-05 |
            MM/dd/yyyy  |       | 13/01/2024                 |            | is not a valid date in the format of the mapping
            MM/dd/yyyy  |       | 02/30/2024                 |            | in the format of the mapping
            MM/dd/yyyy  |       | 2024-01-13                 |            | in the format of the mapping
            yyyyMMdd    |       | 1980-01-05                 |            | in the format of the mapping
                        |       | ''                         |            |
            yyyyMMdd    |       | '  '                       |            |
            """)
    void writesIsoDatesFromManyFormsAndRefusesImpossibleOnes(
            String pattern, String order, String input, String value, String issue) {
        DateStandardizer standardizer = new DateStandardizer(
                pattern, order == null ? DateStandardizer.Order.DAY_FIRST : DateStandardizer.Order.of(order));

        assertStandardized(standardizer.apply(input), input, value, issue);
    }
}
