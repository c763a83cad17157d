package org.amalgam.standardize;

import static org.amalgam.standardize.StandardizedAssertions.assertStandardized;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CountryStandardizerTests {

    private final CountryStandardizer standardizer = new CountryStandardizer();

    @ParameterizedTest(name = "[{index}] ''{0}'' -> {1} {2}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            DE                        | DE |
            de                        | DE |
            ' deu '                   | DE |
            Germany                   | DE |
            GERMANY                   | DE |
            Deutschland               | DE |
            Bundesrepublik Deutschland| DE |
            Allemagne                 | DE |
            Alemania                  | DE |
            Österreich                | AT |
            Schweiz                   | CH |
            Suisse                    | CH |
            USA                       | US |
            U.S.A.                    | US |
            U.S.                      | US |
            United States of America  | US |
            Vereinigte Staaten        | US |
            The Netherlands           | NL |
            Holland                   | NL |
            Nederland                 | NL |
            U.K.                      | GB |
            UK                        | GB |
            Great Britain             | GB |
            England                   | GB |
            GBR                       | GB |
            United Kingdom            | GB |
            Côte d’Ivoire             | CI |
            Cote d'Ivoire             | CI |
            Ivory Coast               | CI |
            Czech Republic            | CZ |
            Czechia                   | CZ |
            Türkiye                   | TR |
            South Korea               | KR |
            Kosovo                    | XK |
            Atlantis                  |    | is not a known country
            XX                        |    | is not a known country
            ZZZ                       |    | not a known country
            '  '                      |    |
            """)
    void writesIso2FromCodesNamesInSeveralLanguagesAndCommonVariants(String input, String value, String issue) {
        assertStandardized(standardizer.apply(input), input, value, issue);
    }
}
