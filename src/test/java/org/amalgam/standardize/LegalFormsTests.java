package org.amalgam.standardize;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LegalFormsTests {

    @ParameterizedTest(name = "[{index}] ''{0}'' -> ''{1}'' + {2}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            Acme Widgets Ltd                     | Acme Widgets       | Ltd.
            '  Acme   Widgets,  Incorporated '   | Acme Widgets       | Inc.
            Van Dijk Bouw bv                     | Van Dijk Bouw      | B.V.
            Acme Holding GmbH & Co. KG           | Acme Holding       | GmbH & Co. KG
            Acme (Pty) Ltd                       | Acme               | Pty Ltd
            Tiffany & Co.                        | Tiffany & Co.      |
            Smith & Sons Ltd                     | Smith & Sons       | Ltd.
            Acme Widgets                         | Acme Widgets       |
            Limited                              |                    | Ltd.
            """)
    void splitsTheNameFromTheLegalFormAtItsEnd(String input, String name, String legalForm) {
        assertThat(LegalForms.split(input)).isEqualTo(new OrganizationName(name, legalForm));
    }
}
