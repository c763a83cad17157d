package org.amalgam.match.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.amalgam.match.bench.BuiltInTypes;
import org.amalgam.model.AttributeDefinition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.dataformat.yaml.YAMLMapper;

class MatchSettingsTests {

    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"person", "organization", "product"})
    void theBuiltInTypesHaveValidDefaults(String type) {
        MatchSettings settings = MatchSettings.defaults(type, builtIn(type));

        assertThat(settings.blockingKeys()).isNotEmpty();
        assertThat(settings.comparisons()).isNotEmpty();
        assertThat(MatchSettings.parse(settings.toDocument(), builtIn(type)).problems())
                .isEmpty();
    }

    @Test
    void anyOtherTypeGetsDefaultsFromItsDataTypes() {
        List<AttributeDefinition> attributes = List.of(
                BuiltInTypes.attribute("title", "text"),
                BuiltInTypes.attribute("author", "name"),
                BuiltInTypes.attribute("published", "date"),
                BuiltInTypes.attribute("isbn", "identifier"),
                BuiltInTypes.attribute("price", "money"));

        MatchSettings settings = MatchSettings.defaults("book", attributes);

        assertThat(settings.comparisons())
                .extracting(ComparisonDefinition::attribute)
                .containsExactly("title", "author", "published", "isbn", "price");
        assertThat(settings.blockingKeys())
                .extracting(BlockingKeyDefinition::name)
                .contains("isbn", "author_published", "title_words");
    }

    @Test
    void defaultsLeaveOutWhatAChangedBuiltInTypeNoLongerHas() {
        List<AttributeDefinition> attributes = List.of(
                BuiltInTypes.attribute("first_name", "name"),
                BuiltInTypes.attribute("last_name", "name"),
                BuiltInTypes.attribute("email", "email"));

        MatchSettings settings = MatchSettings.defaults("person", attributes);

        assertThat(settings.comparisons())
                .extracting(ComparisonDefinition::attribute)
                .containsExactly("first_name", "last_name", "email");
        assertThat(settings.blockingKeys()).allSatisfy(key -> assertThat(
                        attributes.stream().map(AttributeDefinition::name))
                .containsAll(key.parts().stream().map(BlockingPart::attribute).toList()));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"person", "organization", "product"})
    void settingsRoundTripThroughYaml(String type) {
        MatchSettings settings = MatchSettings.defaults(type, builtIn(type));

        String yaml = YAML.writeValueAsString(Map.of("match", settings.toDocument()));
        @SuppressWarnings("unchecked")
        Map<String, Object> section =
                (Map<String, Object>) YAML.readValue(yaml, Map.class).get("match");

        assertThat(MatchSettings.parse(section, builtIn(type)).orElseThrow()).isEqualTo(settings);
    }

    @Test
    void missingAndElseLevelsAreAddedWhenLeftOut() {
        MatchSettings settings = EngineFixtures.settings();

        assertThat(settings.comparisons().get(3).levels())
                .extracting(LevelDefinition::label)
                .containsExactly("missing", "exact", "else");
    }

    @Test
    void aFlowListInYamlMayWriteAFunctionWithACount() {
        String yaml =
                """
                blocking:
                  keys:
                    - {name: start, parts: [prefix(last_name, 3), year(birth_date)]}
                comparisons:
                  - {attribute: last_name, levels: [exact, else]}
                """;
        @SuppressWarnings("unchecked")
        Map<String, Object> section = YAML.readValue(yaml, Map.class);

        MatchSettings settings =
                MatchSettings.parse(section, EngineFixtures.ATTRIBUTES).orElseThrow();

        assertThat(settings.blockingKeys().get(0).parts())
                .containsExactly(
                        new BlockingPart(BlockingFunction.PREFIX, "last_name", 3),
                        BlockingPart.of(BlockingFunction.YEAR, "birth_date"));
    }

    @Test
    void thePublicationExampleIsAValidModelWithValidMatchSettings() throws Exception {
        Path example = Path.of("docs/examples/publication.yaml");
        @SuppressWarnings("unchecked")
        Map<String, Object> model = YAML.readValue(Files.readString(example), Map.class);
        List<AttributeDefinition> attributes = new ArrayList<>();
        for (Object attribute : (List<?>) model.get("attributes")) {
            Map<?, ?> map = (Map<?, ?>) attribute;
            attributes.add(BuiltInTypes.attribute((String) map.get("name"), (String) map.get("type")));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> match = (Map<String, Object>) model.get("match");

        MatchSettings.Parsed parsed = MatchSettings.parse(match, attributes);

        assertThat(parsed.problems()).isEmpty();
        assertThat(model).containsKeys("name", "attributes");
        assertThat(attributes).extracting(AttributeDefinition::name).contains("title", "authors", "venue", "year");
    }

    @Test
    void theDocumentedPersonSettingsAreTheDefaults() throws Exception {
        String page = Files.readString(Path.of("docs/matching.md"));
        String yaml = page.substring(page.indexOf("```yaml\nmatch:") + "```yaml\n".length());
        yaml = yaml.substring(0, yaml.indexOf("```"));
        @SuppressWarnings("unchecked")
        Map<String, Object> section =
                (Map<String, Object>) YAML.readValue(yaml, Map.class).get("match");

        assertThat(MatchSettings.parse(section, BuiltInTypes.PERSON).orElseThrow())
                .isEqualTo(MatchSettings.defaults("person", BuiltInTypes.PERSON));
    }

    @Test
    void anEmptySectionMeansTheDefaults() {
        MatchSettings.Parsed parsed = MatchSettings.parseOrDefaults("person", Map.of(), BuiltInTypes.PERSON);

        assertThat(parsed.settings()).isEqualTo(MatchSettings.defaults("person", BuiltInTypes.PERSON));
        assertThat(MatchSettings.parse(Map.of(), BuiltInTypes.PERSON).problems())
                .extracting(SettingsProblem::path)
                .containsExactly("/match");
    }

    static Stream<Arguments> mistakes() {
        return Stream.of(
                Arguments.of(
                        "unknown attribute in a comparison",
                        edit(d -> comparison(d, 2).put("attribute", "birthday")),
                        "/match/comparisons/2/attribute",
                        "'birthday' is not an attribute"),
                Arguments.of(
                        "unknown level",
                        edit(d -> levels(d, 0).set(1, Map.of("jaro", 0.9))),
                        "/match/comparisons/0/levels/1",
                        "'jaro' is not a comparison level"),
                Arguments.of(
                        "threshold of a level out of range",
                        edit(d -> levels(d, 0).set(1, Map.of("jaro_winkler", 1.5))),
                        "/match/comparisons/0/levels/1",
                        "above 0 and at most 1"),
                Arguments.of(
                        "date level on a name",
                        edit(d -> levels(d, 1).add("same_year")),
                        "/match/comparisons/1/levels/2",
                        "'same_year' compares [date] attributes; 'last_name' is name"),
                Arguments.of(
                        "else before the end",
                        edit(d -> levels(d, 4).add(0, "else")),
                        "/match/comparisons/4/levels/0",
                        "'else' must be the last level"),
                Arguments.of(
                        "unknown blocking function",
                        edit(d -> key(d, 1).put("parts", List.of("metaphone(last_name)"))),
                        "/match/blocking/keys/1/parts/0",
                        "'metaphone' is not a blocking function"),
                Arguments.of(
                        "blocking on an unknown attribute",
                        edit(d -> key(d, 2).put("parts", List.of("exact(mail)"))),
                        "/match/blocking/keys/2/parts/0",
                        "'mail' is not an attribute"),
                Arguments.of(
                        "count missing",
                        edit(d -> key(d, 0).put("parts", List.of("prefix(first_name)"))),
                        "/match/blocking/keys/0/parts/0",
                        "'prefix' needs a count"),
                Arguments.of(
                        "two keys with one name",
                        edit(d -> key(d, 1).put("name", "names")),
                        "/match/blocking/keys/1/name",
                        "names two blocking keys"),
                Arguments.of(
                        "same threshold above 1",
                        edit(d -> d.put("thresholds", Map.of("same", 1.2, "possible", 0.5))),
                        "/match/thresholds/same",
                        "between 0 and 1"),
                Arguments.of(
                        "possible above same",
                        edit(d -> d.put("thresholds", Map.of("same", 0.8, "possible", 0.9))),
                        "/match/thresholds/possible",
                        "above 'same'"),
                Arguments.of(
                        "unknown field",
                        edit(d -> comparison(d, 0).put("weight", 3)),
                        "/match/comparisons/0/weight",
                        "is not a field of a comparison"),
                Arguments.of(
                        "swapped without a partner",
                        edit(d -> levels(d, 1).add(1, "swapped")),
                        "/match/comparisons/1/levels/1",
                        "needs the comparison's 'swappedWith'"),
                Arguments.of(
                        "positive contradiction",
                        edit(d -> d.put("clustering", Map.of("contradiction", 5))),
                        "/match/clustering/contradiction",
                        "a negative match weight"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void aMistakeIsReportedWithItsPath(String what, Map<String, Object> section, String path, String message) {
        MatchSettings.Parsed parsed = MatchSettings.parse(section, EngineFixtures.ATTRIBUTES);

        assertThat(parsed.valid()).isFalse();
        assertThat(parsed.problems()).anySatisfy(problem -> {
            assertThat(problem.path()).isEqualTo(path);
            assertThat(problem.message()).contains(message);
        });
    }

    @Test
    void settingsMadeInCodeAreCheckedToo() {
        MatchSettings valid = EngineFixtures.settings();
        List<ComparisonDefinition> comparisons = new ArrayList<>(valid.comparisons());
        comparisons.add(new ComparisonDefinition(
                "shoe_size",
                "shoe_size",
                null,
                false,
                List.of(
                        LevelDefinition.of(LevelKind.MISSING),
                        LevelDefinition.of(LevelKind.EXACT),
                        LevelDefinition.of(LevelKind.ELSE))));

        assertThatThrownBy(() -> new MatchSettings(
                        EngineFixtures.ATTRIBUTES,
                        valid.blockingKeys(),
                        valid.blockCap(),
                        valid.window(),
                        comparisons,
                        valid.thresholds(),
                        valid.termFrequencyMinimum(),
                        valid.clustering()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("/match/comparisons/5/attribute");
    }

    @Test
    void theModelValidatorGetsEveryProblemWithItsPointerAndFieldName() {
        Map<String, Object> section = edit(d -> {
            levels(d, 2).set(1, Map.of("jaro", 0.9));
            levels(d, 0).set(2, "soundex");
        });

        List<SettingsProblem> problems = MatchSettings.validate(section, EngineFixtures.ATTRIBUTES);

        assertThat(problems)
                .extracting(SettingsProblem::path, SettingsProblem::field)
                .contains(
                        org.assertj.core.groups.Tuple.tuple(
                                "/match/comparisons/2/levels/1", "match.comparisons[2].levels[1]"),
                        org.assertj.core.groups.Tuple.tuple(
                                "/match/comparisons/0/levels/2", "match.comparisons[0].levels[2]"));
    }

    @Test
    void aMissingOrEmptySectionIsValidAndAnythingButAnObjectIsNot() {
        assertThat(MatchSettings.validate(null, BuiltInTypes.PERSON)).isEmpty();
        assertThat(MatchSettings.validate(Map.of(), BuiltInTypes.PERSON)).isEmpty();
        assertThat(MatchSettings.validate(EngineFixtures.document(), EngineFixtures.ATTRIBUTES))
                .isEmpty();
        assertThat(MatchSettings.validate(List.of("exact"), BuiltInTypes.PERSON))
                .extracting(SettingsProblem::field)
                .containsExactly("match");
    }

    @Test
    void personsAreMergedFromAMatchProbabilityOf80PercentAndGroupsJoinAtAMeanOf5Percent() {
        assertThat(MatchSettings.defaults("person", BuiltInTypes.PERSON).thresholds())
                .isEqualTo(new Thresholds(0.8, 0.5));
        assertThat(MatchSettings.defaults("person", BuiltInTypes.PERSON).clustering())
                .isEqualTo(new ClusteringSettings(0.05, -10));
        assertThat(MatchSettings.defaults("organization", BuiltInTypes.ORGANIZATION)
                        .thresholds())
                .isEqualTo(new Thresholds(0.9, 0.5));
    }

    @Test
    void theRealTimeLookupGetsEveryKeyWithItsCap() {
        MatchSettings settings = MatchSettings.defaults("person", BuiltInTypes.PERSON);
        RecordPreparer preparer = new RecordPreparer(settings);
        PreparedRecord record = preparer.prepare(EngineFixtures.record(
                1, "first_name", "Anna", "last_name", "Smith", "birth_date", "1980-05-12", "email", "anna@a.com"));

        List<RecordPreparer.LookupKey> keys = preparer.lookupKeys(record);

        assertThat(keys).extracting(RecordPreparer.LookupKey::key).isEqualTo(preparer.blockingKeys(record));
        assertThat(keys)
                .filteredOn(key -> key.key().startsWith("email:"))
                .singleElement()
                .extracting(RecordPreparer.LookupKey::cap)
                .isEqualTo(MatchSettings.DEFAULT_BLOCK_CAP);
        assertThat(keys)
                .filteredOn(key -> key.key().startsWith("names/split:"))
                .isNotEmpty()
                .allSatisfy(key -> assertThat(key.cap()).isEqualTo(30));
        assertThat(keys).allSatisfy(key -> assertThat(preparer.capOf(key.key())).isEqualTo(key.cap()));
    }

    private interface Edit {
        void apply(Map<String, Object> document);
    }

    private static Map<String, Object> edit(Edit edit) {
        Map<String, Object> document = deepCopy(EngineFixtures.document());
        edit.apply(document);
        return document;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> comparison(Map<String, Object> document, int index) {
        return (Map<String, Object>) ((List<Object>) document.get("comparisons")).get(index);
    }

    @SuppressWarnings("unchecked")
    private static List<Object> levels(Map<String, Object> document, int index) {
        return (List<Object>) comparison(document, index).get("levels");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> key(Map<String, Object> document, int index) {
        return (Map<String, Object>)
                ((List<Object>) ((Map<String, Object>) document.get("blocking")).get("keys")).get(index);
    }

    @SuppressWarnings("unchecked")
    private static <T> T deepCopy(T value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put((String) k, deepCopy(v)));
            return (T) copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(v -> copy.add(deepCopy(v)));
            return (T) copy;
        }
        return value;
    }

    private static List<AttributeDefinition> builtIn(String type) {
        return switch (type) {
            case "person" -> BuiltInTypes.PERSON;
            case "organization" -> BuiltInTypes.ORGANIZATION;
            default -> BuiltInTypes.PRODUCT;
        };
    }
}
