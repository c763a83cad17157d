package org.amalgam.standardize;

import static org.amalgam.standardize.StandardizedAssertions.assertStandardized;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StandardizersTests {

    private final Standardizers standardizers = new Standardizers();

    @ParameterizedTest(name = "[{index}] {0} ({1}, region {2}): ''{3}'' -> {4} {5}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            # data type | format     | region | input                  | value           | issue
            email       |            |        | '  Ann@Example.COM '   | ann@example.com |
            date        |            |        | 05.01.1980             | 1980-01-05      |
            date        | yyyyMMdd   |        | 19800105               | 1980-01-05      |
            date        | MM/dd/yyyy |        | ' 01/05/1980 '         | 1980-01-05      |
            name        |            |        | '  ANN   LEE '         | Ann Lee         |
            text        |            |        | ' ACME   gmbh '        | ACME gmbh       |
            identifier  |            |        | ' AB  12 '             | AB 12           |
            address     |            |        | ' Main  Street 1 '     | Main Street 1   |
            enum        |            |        | ' F '                  | F               |
            phone       |            | DE     | '030  1234567'         | +49301234567    |
            phone       |            |        | '+49 30  1234567'      | +49301234567    |
            country     |            |        | ' Deutschland '        | DE              |
            number      |            |        | 1.234,5                | 1234.5          |
            number      | #,##0.00   |        | 1,234                  | 1234            |
            number      | 0,00       |        | 1.234                  | 1234            |
            money       |            |        | ' 1.234,56 € '         | 1234.56         |
            unknown     |            |        | ' x  y '               | x y             |
            email       |            |        | ann-at-example.com     |                 | is not an e-mail address
            date        |            |        | 1980-02-30             |                 | is not a valid date
            phone       |            |        | 030 1234567            |                 | has no country code
            country     |            |        | Atlantis               |                 | is not a known country
            money       |            |        | -5                     |                 | is a negative price
            email       |            |        | '   '                  |                 |
            date        | yyyyMMdd   |        | '\t'                   |                 |
            """)
    void cleansTextThenAppliesTheRuleOfTheDataType(
            String dataType, String format, String region, String input, String value, String issue) {
        Standardized result =
                standardizers.standardize(dataType, format, input, StandardizationContext.ofRegion(region));

        assertStandardized(result, input, value, issue);
    }

    @Test
    void aMissingValueIsEmptyWhateverTheTypeAndTheOverloadWithoutContextKnowsNoRegion() {
        assertThat(standardizers.standardize("email", null, null)).isEqualTo(Standardized.empty());
        assertThat(standardizers.standardize("phone", null, "030 1234567").issue())
                .contains("no default region");
        assertThat(standardizers.chain("date", "yyyyMMdd")).isSameAs(standardizers.chain("date", "yyyyMMdd"));
    }

    @Test
    void anIssueQuotesAVeryLongValueOnlyInPart() {
        String field = "x".repeat(10_000_000);

        Standardized result = standardizers.standardize("date", null, field);

        assertThat(result.hasValue()).isFalse();
        assertThat(result.issue()).hasSizeLessThan(200).contains("(10000000 characters)");
    }

    @Test
    void aSourceRegionThatNamesNoCountryIsRefusedButAnUnknownRecordCountryIsNone() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> StandardizationContext.ofRegion("Atlantis"))
                .withMessageContaining("'Atlantis' is not an ISO-3166 country");
        assertThat(StandardizationContext.ofRegion("Germany").withCountry("Atlantis"))
                .isEqualTo(new StandardizationContext("DE", null));
    }
}
