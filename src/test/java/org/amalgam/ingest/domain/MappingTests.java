package org.amalgam.ingest.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.amalgam.model.AttributeDefinition;
import org.amalgam.model.EntityTypeView;
import org.amalgam.shared.InvalidInputException;
import org.amalgam.shared.InvalidInputException.FieldError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

class MappingTests {

    static final EntityTypeView PERSON = new EntityTypeView(
            1,
            "person",
            "Person",
            1,
            Stream.of(
                            "first_name",
                            "middle_name",
                            "last_name",
                            "birth_date",
                            "email",
                            "street",
                            "house_number",
                            "postal_code",
                            "city")
                    .map(name -> new AttributeDefinition(name, "text", false, false))
                    .toList());

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static Mapping parse(String json) {
        return Mapping.parse(json, PERSON, JSON);
    }

    private static Mapping.Bound bind(Mapping mapping, String header) {
        return mapping.bind(Arrays.asList(header.split(",", -1)), PERSON);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"  "})
    void withoutAMappingColumnsMapByName(String text) {
        assertThat(parse(text)).isEqualTo(Mapping.automatic());
    }

    static Stream<Arguments> wrongMappings() {
        return Stream.of(
                arguments("{\"key\": 7}", "key"),
                arguments("{\"key\": \"  \"}", "key"),
                arguments("{\"attributes\": [\"email\"]}", "attributes"),
                arguments("{\"attributes\": {\"nickname\": \"nick\"}}", "attributes.nickname"),
                arguments("{\"attributes\": {\"email\": 42}}", "attributes.email"),
                arguments("{\"attributes\": {\"email\": \"\"}}", "attributes.email"),
                arguments("{\"attributes\": {\"birth_date\": {\"format\": \"yyyyMMdd\"}}}", "attributes.birth_date"),
                arguments("{\"keys\": \"id\"}", "keys"),
                arguments("{\"attribute\": {\"email\": \"mail\"}}", "attribute"));
    }

    @ParameterizedTest
    @MethodSource("wrongMappings")
    void aWrongMappingIsRefusedNamingTheField(String json, String field) {
        assertThatThrownBy(() -> parse(json))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field)
                        .containsExactly(field))
                .hasMessageContaining("person");
    }

    @Test
    void anUnknownAttributeIsRefusedListingTheKnownOnes() {
        assertThatThrownBy(() -> parse("{\"attributes\": {\"nickname\": \"nick\"}}"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(
                                e.errors().get(0).message())
                        .contains("'nickname' is not an attribute of person")
                        .contains("first_name")
                        .contains("email"));
    }

    @Test
    void everyWrongFieldIsReportedAtOnce() {
        assertThatThrownBy(() -> parse("{\"key\": 1, \"attributes\": {\"nickname\": \"n\", \"email\": 2}}"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field)
                        .containsExactly("key", "attributes.nickname", "attributes.email"));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            {"key": "id",                                     | not valid JSON
            [{"key": "id"}]                                   | must be a JSON object
            "id"                                              | must be a JSON object
            """)
    void textThatIsNotAMappingObjectIsRefusedWithAnExample(String text, String message) {
        assertThatThrownBy(() -> parse(text))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(message)
                .hasMessageContaining("{\"key\"");
    }

    @Test
    void readsColumnsFormatsAndTemplates() {
        Mapping mapping = parse(
                """
                {"key": "rec_id",
                 "attributes": {
                   "first_name": "given_name",
                   "birth_date": {"column": "date_of_birth", "format": "yyyyMMdd"},
                   "street": {"template": "{street_number} {address_1}"}}}
                """);

        assertThat(mapping.keyColumn()).isEqualTo("rec_id");
        assertThat(mapping.attributes())
                .containsEntry("first_name", new Mapping.AttributeSource("given_name", null, null))
                .containsEntry("birth_date", new Mapping.AttributeSource("date_of_birth", "yyyyMMdd", null))
                .containsEntry("street", new Mapping.AttributeSource(null, null, "{street_number} {address_1}"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            id,first_name,last_name,email          | 0 | 1 | 2 | 3
            ID,First Name,LAST-NAME,E_Mail         | 0 | 1 | 2 | 3
            email,last_name,first_name,source_key  | 3 | 2 | 1 | 0
            Key, first name ,Last_Name,EMAIL       | 0 | 1 | 2 | 3
            Source Key,FirstName,last name,e-mail  | 0 | 1 | 2 | 3
            """)
    void automaticMappingIgnoresCaseSpacesDashesAndUnderscores(
            String header, int key, int firstName, int lastName, int email) {
        Mapping.Bound bound = bind(Mapping.automatic(), header);

        assertThat(bound.keyIndex()).isEqualTo(key);
        assertThat(bound.attributes().get("first_name").index()).isEqualTo(firstName);
        assertThat(bound.attributes().get("last_name").index()).isEqualTo(lastName);
        assertThat(bound.attributes().get("email").index()).isEqualTo(email);
    }

    @ParameterizedTest(name = "[{index}] {0} -> column {1}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            source_key,email    | 0
            email,key           | 1
            email,id            | 1
            id,key,source_key   | 2
            id,key              | 1
            """)
    void theKeyColumnIsSourceKeyThenKeyThenId(String header, int key) {
        assertThat(bind(Mapping.automatic(), header).keyIndex()).isEqualTo(key);
    }

    @Test
    void aColumnThatMatchesNoAttributeIsLeftForTheRawPayload() {
        Mapping.Bound bound = bind(Mapping.automatic(), "id,shoe_size,email");

        assertThat(bound.attributes()).containsOnlyKeys("email");
    }

    @Test
    void aMappedColumnTakesPrecedenceOverTheColumnOfTheSameName() {
        Mapping mapping = parse("{\"key\": \"rec\", \"attributes\": {\"email\": \"work_mail\"}}");

        Mapping.Bound bound = bind(mapping, "rec,email,work_mail");

        assertThat(bound.keyIndex()).isEqualTo(0);
        assertThat(bound.attributes().get("email").index()).isEqualTo(2);
    }

    @Test
    void aMappedFormatTravelsWithItsColumn() {
        Mapping mapping = parse("{\"attributes\": {\"birth_date\": {\"column\": \"dob\", \"format\": \"yyyyMMdd\"}}}");

        Mapping.BoundSource birthDate = bind(mapping, "id,dob").attributes().get("birth_date");

        assertThat(birthDate.value(List.of("1", "19800105"))).isEqualTo("19800105");
        assertThat(birthDate.format()).isEqualTo("yyyyMMdd");
    }

    @ParameterizedTest(name = "[{index}] {0} | {1} -> ''{2}''")
    @CsvSource(
            delimiter = '|',
            nullValues = "null",
            textBlock =
                    """
            12          | Main Street   | 12 Main Street
            ' 12 '      | ' Main Street'| 12 Main Street
            ''          | ''            | null
            """)
    void aTemplateJoinsTheValuesOfItsColumns(String number, String street, String expected) {
        Mapping mapping = parse("{\"attributes\": {\"street\": {\"template\": \"{street_number} {address_1}\"}}}");

        Mapping.BoundSource source =
                bind(mapping, "id,street_number,address_1").attributes().get("street");

        assertThat(source.value(List.of("1", number, street))).isEqualTo(expected);
    }

    static Stream<Arguments> mappingsThatDoNotFitTheFile() {
        return Stream.of(
                arguments("{\"key\": \"rec_id\"}", "id,email", "the key column 'rec_id' is not in the file"),
                arguments(
                        "{\"attributes\": {\"email\": \"mail\"}}",
                        "id,email",
                        "the column 'mail' mapped to email is not in the file"),
                arguments(
                        "{\"attributes\": {\"street\": {\"template\": \"{no} {road}\"}}}",
                        "id,no,street_name",
                        "names the column 'road', which is not in the file"),
                arguments("", "name,email", "no key column"));
    }

    @ParameterizedTest
    @MethodSource("mappingsThatDoNotFitTheFile")
    void bindingNamesTheMissingColumnsAndTheColumnsTheFileHas(String json, String header, String problem) {
        Mapping mapping = parse(json);

        assertThatThrownBy(() -> bind(mapping, header))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(problem)
                .hasMessageContaining("Columns in the file: " + header.replace(",", ", "));
    }

    @Test
    void bindingReportsEveryMissingColumnAtOnce() {
        Mapping mapping = parse("{\"key\": \"rec\", \"attributes\": {\"email\": \"mail\", \"city\": \"town\"}}");

        assertThatThrownBy(() -> bind(mapping, "id,email,city"))
                .hasMessageContaining("'rec'")
                .hasMessageContaining("'mail'")
                .hasMessageContaining("'town'");
    }

    @Test
    void anAttributeMappedToNullIsNotMappedEvenWhenAColumnHasItsName() {
        Mapping mapping = parse("{\"attributes\": {\"email\": null}}");

        Mapping.Bound bound = bind(mapping, "id,first_name,email");

        assertThat(mapping.attributes()).containsEntry("email", Mapping.AttributeSource.NONE);
        assertThat(bound.attributes()).containsOnlyKeys("first_name");
    }

    @Test
    void aMappingWrittenAsJsonReadsBackEqual() {
        Mapping mapping = parse(
                """
                {"key": "rec_id",
                 "attributes": {
                   "first_name": "given_name",
                   "email": null,
                   "birth_date": {"column": "date_of_birth", "format": "yyyyMMdd"},
                   "street": {"template": "{street_number} {address_1}"}}}
                """);

        assertThat(parse(mapping.toJson(JSON).toString())).isEqualTo(mapping);
        assertThat(mapping.toJson(JSON).toString())
                .isEqualTo("{\"key\":\"rec_id\",\"attributes\":{\"first_name\":\"given_name\",\"email\":null,"
                        + "\"birth_date\":{\"column\":\"date_of_birth\",\"format\":\"yyyyMMdd\"},"
                        + "\"street\":{\"template\":\"{street_number} {address_1}\"}}}");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(
            delimiter = '|',
            nullValues = "null",
            textBlock =
                    """
            ID,First Name,LAST-NAME,E_Mail,shoe_size    | ID         | First Name | LAST-NAME | E_Mail
            rec,given,surname,mail                      | null       | null       | null      | null
            email,key,first_name                        | key        | first_name | null      | email
            id,key,source_key,Email                     | source_key | null       | null      | Email
            """)
    void theSuggestionMapsTheColumnsOfTheSameNameAndFindsTheKey(
            String header, String key, String firstName, String lastName, String email) {
        Mapping.Choices suggestion = Mapping.suggest(Arrays.asList(header.split(",")), PERSON);

        assertThat(suggestion.keyColumn()).isEqualTo(key);
        assertThat(suggestion.attributes()).containsOnlyKeys(PERSON.attributeNames());
        assertThat(suggestion.attributes().get("first_name").column()).isEqualTo(firstName);
        assertThat(suggestion.attributes().get("last_name").column()).isEqualTo(lastName);
        assertThat(suggestion.attributes().get("email").column()).isEqualTo(email);
        assertThat(suggestion.attributes().get("city")).isEqualTo(Mapping.AttributeSource.NONE);
        assertThat(suggestion.misses()).isEmpty();
    }

    @Test
    void theSuggestionBindsTheFileAsTheAutomaticMappingDoes() {
        List<String> header = List.of("Source Key", "FirstName", "last name", "e-mail", "city", "shoe_size");

        Mapping.Choices suggestion = Mapping.suggest(header, PERSON);
        Mapping spelledOut = new Mapping(suggestion.keyColumn(), suggestion.attributes());

        assertThat(spelledOut.bind(header, PERSON))
                .isEqualTo(Mapping.automatic().bind(header, PERSON));
    }

    @Test
    void aSavedMappingIsSpelledOutForANewFileInTheFilesOwnColumnNames() {
        Mapping saved = parse(
                """
                {"key": "rec_id",
                 "attributes": {
                   "first_name": "given_name",
                   "email": null,
                   "birth_date": {"column": "dob", "format": "yyyyMMdd"},
                   "street": {"template": "{no} {road}"}}}
                """);

        Mapping.Choices choices =
                saved.choicesFor(List.of("REC ID", "Given-Name", "email", "DOB", "no", "road", "City"), PERSON);

        assertThat(choices.keyColumn()).isEqualTo("REC ID");
        assertThat(choices.attributes())
                .containsEntry("first_name", new Mapping.AttributeSource("Given-Name", null, null))
                .containsEntry("email", Mapping.AttributeSource.NONE)
                .containsEntry("birth_date", new Mapping.AttributeSource("DOB", "yyyyMMdd", null))
                .containsEntry("street", new Mapping.AttributeSource(null, null, "{no} {road}"))
                .containsEntry("city", new Mapping.AttributeSource("City", null, null))
                .containsEntry("last_name", Mapping.AttributeSource.NONE);
        assertThat(choices.misses()).isEmpty();
    }

    @Test
    void whatASavedMappingNamesButTheFileLacksFallsBackToTheSuggestionAndIsReported() {
        Mapping saved = parse(
                """
                {"key": "rec_id",
                 "attributes": {"first_name": "given_name", "email": "mail", "street": {"template": "{no} {road}"}}}
                """);

        Mapping.Choices choices = saved.choicesFor(List.of("id", "first_name", "email", "no"), PERSON);

        assertThat(choices.keyColumn()).isEqualTo("id");
        assertThat(choices.attributes().get("first_name").column()).isEqualTo("first_name");
        assertThat(choices.attributes().get("email").column()).isEqualTo("email");
        assertThat(choices.attributes().get("street")).isEqualTo(Mapping.AttributeSource.NONE);
        assertThat(choices.misses())
                .containsExactly(
                        new Mapping.Miss(null, "rec_id"),
                        new Mapping.Miss("first_name", "given_name"),
                        new Mapping.Miss("email", "mail"),
                        new Mapping.Miss("street", "road"));
    }

    static Stream<Arguments> mappingsAndTheirMinimalForm() {
        String header = "id,given,email,mail,city,dob";
        return Stream.of(
                arguments(
                        header, "{\"key\": \"id\", \"attributes\": {\"email\": \"email\", \"city\": \"city\"}}", "{}"),
                arguments(
                        header,
                        "{\"key\": \"id\", \"attributes\": {\"first_name\": \"given\", \"city\": null}}",
                        "{\"attributes\":{\"first_name\":\"given\",\"city\":null}}"),
                arguments(
                        header,
                        "{\"attributes\": {\"email\": \"mail\", \"last_name\": null}}",
                        "{\"attributes\":{\"email\":\"mail\"}}"),
                arguments(
                        header,
                        "{\"attributes\": {\"birth_date\": {\"column\": \"dob\", \"format\": \"yyyyMMdd\"}}}",
                        "{\"attributes\":{\"birth_date\":{\"column\":\"dob\",\"format\":\"yyyyMMdd\"}}}"),
                arguments(
                        header,
                        "{\"key\": \"email\", \"attributes\": {\"email\": \"email\"}}",
                        "{\"key\":\"email\",\"attributes\":{\"email\":\"email\"}}"),
                arguments("key,id,email", "{\"key\": \"id\"}", "{\"key\":\"id\"}"));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("mappingsAndTheirMinimalForm")
    void theMinimalFormLeavesOutWhatTheAutomaticMappingDoesAndBindsTheSame(String header, String json, String minimal) {
        Mapping mapping = parse(json);

        Mapping reduced = mapping.minimal(Arrays.asList(header.split(",")), PERSON);

        assertThat(reduced.toJson(JSON).toString()).isEqualTo(minimal);
        assertThat(bind(reduced, header)).isEqualTo(bind(mapping, header));
    }
}
