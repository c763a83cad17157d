package org.amalgam.standardize;

import static org.amalgam.standardize.StandardizedAssertions.assertStandardized;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LegalFormStandardizerTests {

    @ParameterizedTest(name = "[{index}] {0} of ''{1}'' -> ''{2}''")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            whole | Acme Widgets Ltd                             | Acme Widgets Ltd.
            whole | Acme Widgets limited                         | Acme Widgets Ltd.
            whole | ACME GMBH                                    | ACME GmbH
            whole | Müller Gesellschaft mit beschränkter Haftung | Müller GmbH
            whole | Acme, Inc.                                   | Acme Inc.
            whole | Acme Incorporated                            | Acme Inc.
            whole | Acme Corporation                             | Acme Corp.
            whole | Acme Co                                      | Acme Co.
            whole | Acme S.A                                     | Acme S.A.
            whole | Acme SA                                      | Acme S.A.
            whole | Acme S. A.                                   | Acme S.A.
            whole | Acme Société Anonyme                         | Acme S.A.
            whole | Acme sas                                     | Acme S.A.S.
            whole | Acme bv                                      | Acme B.V.
            whole | Philips N.V.                                 | Philips N.V.
            whole | Siemens Aktiengesellschaft                   | Siemens AG
            whole | Allianz SE                                   | Allianz SE
            whole | Acme Kommanditgesellschaft                   | Acme KG
            whole | Acme GmbH & Co. KG                           | Acme GmbH & Co. KG
            whole | Acme GmbH u. Co. KG                          | Acme GmbH & Co. KG
            whole | Acme UG (haftungsbeschränkt)                 | Acme UG (haftungsbeschränkt)
            whole | Acme public limited company                  | Acme plc
            whole | Acme PLC                                     | Acme plc
            whole | Acme L.L.C.                                  | Acme LLC
            whole | Acme Pty. Ltd.                               | Acme Pty Ltd
            whole | Ferrari S.p.A.                               | Ferrari S.p.A.
            whole | Ferrari SPA                                  | Ferrari SPA
            whole | Day Spa                                      | Day Spa
            whole | Tiffany & Co.                                | Tiffany & Co.
            whole | Acme Widgets                                 | Acme Widgets
            whole | Gesellschaft mit beschränkter Haftung        | GmbH
            whole | limited                                      | Ltd.
            whole | e.K.                                         | e.K.
            name  | Acme Widgets Ltd                             | Acme Widgets
            name  | Acme, Inc.                                   | Acme
            name  | Acme Widgets                                 | Acme Widgets
            form  | Acme Widgets Ltd                             | Ltd.
            form  | Acme Holding GmbH & Co KG                    | GmbH & Co. KG
            form  | Acme Widgets                                 |
            form  | Tiffany & Co.                                |
            whole | '   '                                        |
            """)
    void writesTheLegalFormAtTheEndOfANameInItsCanonicalForm(String part, String input, String expected) {
        assertStandardized(new LegalFormStandardizer(LegalFormStandardizer.Part.of(part)).apply(input), expected, null);
    }
}
