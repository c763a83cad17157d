package org.amalgam.standardize;

import static org.amalgam.standardize.StandardizedAssertions.assertStandardized;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EmailStandardizerTests {

    private final EmailStandardizer standardizer = new EmailStandardizer();

    @ParameterizedTest(name = "[{index}] ''{0}'' -> {1} {2}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            ann@example.com                  | ann@example.com             |
            Ann.Lee@Example.COM              | ann.lee@example.com         |
            '  ann@example.com  '            | ann@example.com             |
            mailto:ann@example.com           | ann@example.com             |
            MAILTO:Ann@Example.com           | ann@example.com             |
            ann+news@mail.example.co.uk      | ann+news@mail.example.co.uk |
            <ann@example.com>                | ann@example.com             |
            "ann@example.com"                | ann@example.com             |
            '''Ann@Example.com'''            | ann@example.com             |
            Ann Lee <Ann@Example.com>        | ann@example.com             |
            "Lee, Ann" <ann@example.com>     | ann@example.com             |
            ann@bücher.de                    | ann@bücher.de               |
            ann                              |                             | is not an e-mail address (it has no @)
            ann@                             |                             | is not an e-mail address
            @example.com                     |                             | not an e-mail address
            ann@example                      |                             | not an e-mail address
            ann@example.c                    |                             | not an e-mail address
            ann@example.123                  |                             | not an e-mail address
            ann@example.com.                 |                             | not an e-mail address
            ann..lee@example.com             |                             | not an e-mail address
            .ann@example.com                 |                             | not an e-mail address
            ann lee@example.com              |                             | is not an e-mail address (it contains a space)
            ann@@example.com                 |                             | (it has 2 @)
            ann@example.com; bob@example.com |                             | (it has 2 @)
            ''                               |                             |
            '   '                            |                             |
            mailto:                          |                             |
            <>                               |                             |
            """)
    void takesTheAddressOutOfItsWrappingAndRefusesWhatIsNoAddress(String input, String value, String issue) {
        assertStandardized(standardizer.apply(input), input, value, issue);
    }
}
