package org.amalgam.standardize;

import static org.amalgam.standardize.StandardizedAssertions.assertStandardized;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StandardizerRegistryTests {

    private final StandardizerRegistry registry = new StandardizerRegistry();

    @ParameterizedTest(name = "[{index}] {0} {1}: ''{2}'' -> {3}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            # name      | options (k=v;k=v)           | input                  | value
            text        |                             | ' Ann  Lee '           | Ann Lee
            case        | mode=upper                  | acme                   | ACME
            email       |                             | <Ann@Example.com>      | ann@example.com
            phone       | region=DE                   | 030 1234567            | +49301234567
            phone       | region=DEU;extension=keep   | 030 1234567 ext. 12    | +49301234567;ext=12
            date        |                             | 5 Jan 1980             | 1980-01-05
            date        | order=mdy                   | 01/05/1980             | 1980-01-05
            date        | pattern=dd.MM.yy            | 05.01.80               | 1980-01-05
            country     |                             | Deutschland            | DE
            postal_code | country=NL                  | 1234ab                 | 1234 AB
            person_name |                             | LUDWIG VAN BEETHOVEN   | Ludwig van Beethoven
            legal_form  |                             | Acme limited           | Acme Ltd.
            legal_form  | part=form                   | Acme limited           | Ltd.
            gtin        |                             | 4006381333931          | 04006381333931
            gtin        | length=13                   | 04006381333931         | 4006381333931
            number      | decimal=,                   | 1.234                  | 1234
            money       |                             | 1.234,56 €             | 1234.56
            currency    |                             | 1.234,56 €             | EUR
            """)
    void givesEachStandardizerByItsNameWithItsOptions(String name, String options, String input, String value) {
        Standardizer standardizer = registry.get(name, options(options));

        assertThat(standardizer.name()).isEqualTo(name);
        assertStandardized(standardizer.apply(input), value, null);
    }

    @Test
    void namesEveryStandardizerAModelCanUse() {
        assertThat(registry.names())
                .containsExactly(
                        "text",
                        "case",
                        "email",
                        "phone",
                        "date",
                        "country",
                        "postal_code",
                        "person_name",
                        "legal_form",
                        "gtin",
                        "number",
                        "money",
                        "currency");
        assertThat(registry.options("phone")).containsExactlyInAnyOrder("region", "extension");
    }

    @Test
    void anUnknownNameIsRefusedWithTheKnownNames() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> registry.get("telephone", Map.of()))
                .withMessageContaining("unknown standardizer 'telephone'")
                .withMessageContaining("known: text, case, email, phone, date");
    }

    @Test
    void anUnknownOptionOrBadOptionValueIsRefusedWithWhatIsAllowed() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> registry.get("phone", Map.of("regoin", "DE")))
                .withMessage("standardizer 'phone' has no option 'regoin'; its options are extension, region");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> registry.get("phone", Map.of("region", "Atlantis")))
                .withMessageContaining("'Atlantis' is not an ISO-3166 country");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> registry.get("case", Map.of("mode", "shouting")))
                .withMessageContaining("not one of upper, lower, title");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> registry.get("case", Map.of()))
                .withMessageContaining("needs the option 'mode'");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> registry.get("date", Map.of("pattern", "dd.MM.yyyy{")))
                .isNotNull();
    }

    @Test
    void makesOneSharedInstancePerNameAndOptions() {
        assertThat(registry.get("phone", Map.of("region", "DE")))
                .isSameAs(registry.get("phone", Map.of("region", "DE")));
        assertThat(registry.get("phone", Map.of("region", "DE"))).isNotSameAs(registry.get("phone", Map.of()));
    }

    @Test
    void aChainAppliesItsStandardizersInTurnAndStopsAtTheFirstIssue() {
        Standardizer chain = registry.chain(List.of("text", "person_name"));

        assertThat(chain.name()).isEqualTo("text,person_name");
        assertStandardized(chain.apply("  mcDONALD\t "), "McDonald", null);
        assertStandardized(
                registry.chain(List.of("text", "email", "country")).apply("ann@@example.com"), null, "(it has 2 @)");
    }

    private static Map<String, String> options(String options) {
        Map<String, String> result = new LinkedHashMap<>();
        if (options != null) {
            for (String option : options.split(";")) {
                String[] nameAndValue = option.split("=", 2);
                result.put(nameAndValue[0], nameAndValue[1]);
            }
        }
        return result;
    }
}
