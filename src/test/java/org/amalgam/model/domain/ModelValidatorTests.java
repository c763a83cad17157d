package org.amalgam.model.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.amalgam.model.AttributeDefinition;
import org.amalgam.model.ModelSectionChecker;
import org.amalgam.model.SurvivorshipSettings;
import org.amalgam.shared.InvalidInputException.FieldError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The survivorship section and the conflict-sensitive flag of a model document: checked field by field, with lines; and
 * the sections other modules check through a {@link ModelSectionChecker}.
 */
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

    /** A checker of the match section that finds every comparison of an attribute the document does not define. */
    private static final class ComparisonChecker implements ModelSectionChecker {

        final List<List<AttributeDefinition>> calls = new ArrayList<>();

        @Override
        public String section() {
            return "match";
        }

        @Override
        public List<Problem> check(String typeCode, Map<String, Object> section, List<AttributeDefinition> attributes) {
            calls.add(attributes);
            List<Problem> problems = new ArrayList<>();
            if (section.get("comparisons") instanceof List<?> comparisons) {
                for (int i = 0; i < comparisons.size(); i++) {
                    Object attribute = ((Map<?, ?>) comparisons.get(i)).get("attribute");
                    if (attributes.stream().noneMatch(a -> a.name().equals(attribute))) {
                        problems.add(new Problem(
                                "/match/comparisons/" + i + "/attribute",
                                "match.comparisons[" + i + "].attribute",
                                "'" + attribute + "' is not an attribute of this type"));
                    }
                }
            }
            return problems;
        }
    }

    @Test
    void aSectionCheckersProblemsAreErrorsWithTheirFieldAndLine() {
        ComparisonChecker checker = new ComparisonChecker();
        String document = ATTRIBUTES
                + """
                match:
                  comparisons:
                    - attribute: email
                    - attribute: shoe_size
                """;

        List<FieldError> errors =
                ModelValidator.validate(ModelCodec.parse(document, true), "person", null, List.of(checker));

        assertThat(errors)
                .containsExactly(new FieldError(
                        "match.comparisons[1].attribute", "'shoe_size' is not an attribute of this type", 13));
        assertThat(checker.calls).singleElement().satisfies(attributes -> assertThat(attributes)
                .extracting(
                        AttributeDefinition::name, AttributeDefinition::type, AttributeDefinition::conflictSensitive)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("first_name", "name", false),
                        org.assertj.core.groups.Tuple.tuple("email", "email", false),
                        org.assertj.core.groups.Tuple.tuple("birth_date", "date", true)));
    }

    @Test
    void aSectionCheckerIsAskedOnlyAboutAnObjectWithUsableAttributes() {
        ComparisonChecker checker = new ComparisonChecker();
        String badType = ATTRIBUTES.replace("type: email", "type: mail")
                + "match:\n  comparisons:\n    - attribute: shoe_size\n";
        String noSection = ATTRIBUTES;
        String notAnObject = ATTRIBUTES + "match: [exact]\n";

        assertThat(ModelValidator.validate(ModelCodec.parse(badType, true), "person", null, List.of(checker)))
                .as("the attributes first: a checker would only guess at them")
                .extracting(FieldError::field)
                .containsExactly("attributes[1].type");
        assertThat(ModelValidator.validate(ModelCodec.parse(noSection, true), "person", null, List.of(checker)))
                .isEmpty();
        assertThat(ModelValidator.validate(ModelCodec.parse(notAnObject, true), "person", null, List.of(checker)))
                .extracting(FieldError::field)
                .containsExactly("match");
        assertThat(checker.calls).isEmpty();
    }
}
