package org.amalgam.model.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.amalgam.model.SurvivorshipSettings;
import org.amalgam.shared.InvalidInputException.FieldError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The survivorship section and the conflict-sensitive flag of a model document: checked field by field, with lines. */
class ModelValidatorTests {

    private static final String ATTRIBUTES =
            """
            name: Person
            attributes:
              - name: first_name
                type: name
              - name: email
                type: email
              - name: birth_date
                type: date
                conflictSensitive: true
            """;

    private static List<FieldError> check(String survivorship) {
        String document = ATTRIBUTES + survivorship.replace("\\n", "\n");
        return ModelValidator.validate(ModelCodec.parse(document, true), "person", null);
    }

    @Test
    void aSurvivorshipSectionWithDefaultAttributeChainsAndSourcesIsValid() {
        List<FieldError> errors = check(
                """
                survivorship:
                  default: [source_priority, most_recent]
                  attributes:
                    email: [most_frequent, most_recent]
                    first_name: longest
                    birth_date: {rules: [source_priority, most_recent], sources: [registry, crm]}
                """);

        assertThat(errors).isEmpty();
    }

    @ParameterizedTest(name = "[{index}] {3}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            survivorship:\\n  default: [source_priority, newest]                       | survivorship.default[1]            | 11 | an unknown rule is named, with the known ones
            survivorship:\\n  attributes:\\n    shoe_size: [longest]                  | survivorship.attributes.shoe_size  | 12 | an attribute the model does not have
            survivorship:\\n  attributes:\\n    email: {rules: [longest], sources: [crm]} | survivorship.attributes.email.sources | 12 | sources without a rule that uses them
            survivorship:\\n  attributes:\\n    email: [longest, longest]             | survivorship.attributes.email[1]   | 12 | a rule twice in a chain
            survivorship:\\n  attributes:\\n    email: []                             | survivorship.attributes.email      | 12 | an empty chain
            survivorship:\\n  fallback: [longest]                                     | survivorship.fallback              | 11 | a field the section does not have
            survivorship:\\n  attributes:\\n    email: {rule: [longest]}              | survivorship.attributes.email.rule | 12 | a chain object's fields are rules and sources
            """)
    void mistakesNameTheFieldAndTheLine(String section, String field, int line, String why) {
        List<FieldError> errors = check(section);

        assertThat(errors).as(why).extracting(FieldError::field).contains(field);
        assertThat(errors.stream()
                        .filter(e -> e.field().equals(field))
                        .findFirst()
                        .orElseThrow()
                        .line())
                .as(why)
                .isEqualTo(line);
    }

    @Test
    void anUnknownRuleIsExplainedWithTheKnownOnes() {
        FieldError error = check("survivorship:\n  default: newest\n").get(0);

        assertThat(error.message())
                .contains("'newest'")
                .contains("most_frequent")
                .contains("first_non_empty");
    }

    @Test
    void conflictSensitiveMustBeTrueOrFalse() {
        String document = ATTRIBUTES.replace("conflictSensitive: true", "conflictSensitive: sometimes");

        assertThat(ModelValidator.validate(ModelCodec.parse(document, true), "person", null))
                .extracting(FieldError::field)
                .containsExactly("attributes[2].conflictSensitive");
    }

    @Test
    void theSectionIsReadIntoChainsWithTheDefaultForEveryOtherAttribute() {
        SurvivorshipSettings settings = SurvivorshipSettings.of(Map.of(
                "attributes",
                Map.of(
                        "email", List.of("most_frequent", "most_recent"),
                        "phone", Map.of("rules", List.of("source_priority"), "sources", List.of("erp", "crm")))));

        assertThat(settings.chainFor("email").describe()).isEqualTo("most frequent, then most recent");
        assertThat(settings.chainFor("phone").describe()).isEqualTo("source priority (erp, crm)");
        assertThat(settings.chainFor("city")).isEqualTo(SurvivorshipSettings.DEFAULT_CHAIN);
        assertThat(SurvivorshipSettings.of(Map.of())).isEqualTo(SurvivorshipSettings.DEFAULT);
    }
}
