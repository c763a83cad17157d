package org.amalgam.standardize;

import static org.amalgam.standardize.StandardizedAssertions.assertStandardized;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CaseStandardizerTests {

    @ParameterizedTest(name = "[{index}] {0} ''{1}'' -> ''{2}''")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            upper | acme widgets          | ACME WIDGETS
            upper | Straße                | STRASSE
            upper | ' ann '               | ANN
            lower | ACME Widgets          | acme widgets
            lower | ÉCOLE                 | école
            title | ACME-WIDGETS europe   | Acme-Widgets Europe
            title | élan vital            | Élan Vital
            title | the (new) co          | The (New) Co
            title | 3m company            | 3M Company
            title | o'brien               | O'brien
            TITLE | ann lee               | Ann Lee
            upper | '   '                 |
            """)
    void writesTheChosenCaseWhateverTheServerLocale(String mode, String input, String expected) {
        assertStandardized(new CaseStandardizer(CaseStandardizer.Mode.of(mode)).apply(input), expected, null);
    }
}
