package org.amalgam.match.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.amalgam.match.bench.BuiltInTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BlockingFunctionTests {

    @ParameterizedTest(name = "{0}({2} {1}) of ''{3}'' gives ''{4}''")
    @CsvSource(
            delimiter = ';',
            nullValues = "NULL",
            textBlock =
                    """
            exact;            0; name;    Müller-Lüdenscheidt;      muller ludenscheidt
            exact;            0; email;   jane.doe@example.com;     jane.doe@example.com
            exact;            0; identifier; DE 123-456;            de123456
            exact;            0; name;    '  ';                     ''
            double_metaphone; 0; name;    Smith;                    SM0
            double_metaphone; 0; name;    Schmidt;                  XMT
            double_metaphone; 0; name;    Van der Berg;             FNTR
            prefix;           3; name;    Anna Maria;               ann
            prefix;           3; name;    Al;                       al
            year;             0; date;    1980-05-12;               1980
            year;             0; date;    unknown;                  ''
            sorted_tokens;    0; name;    Maria Anna;               anna maria
            tokens;           0; text;    The Art of Data Cleaning; art|data|cleaning
            tokens;           0; text;    a b;                      ''
            qgrams;           3; name;    Anna;                     ann|nna
            qgrams;           3; name;    Al;                       al
            phone_suffix;     4; phone;   +493012345678;            5678
            phone_suffix;     4; phone;   +123;                     ''
            email_local;      0; email;   jane.doe@example.com;     jane.doe
            email_local;      0; email;   no-at-sign;               ''
            initials;         0; name;    John Ronald Reuel;        jrr
            """)
    void givesTheKeyValuesOfOneAttribute(String function, int count, String dataType, String value, String expected) {
        RecordPreparer preparer = preparerFor(dataType);
        PreparedRecord record = preparer.prepare(MatchRecord.of(1, 1, Map.of("value", value)));
        BlockingPart part = new BlockingPart(BlockingFunction.of(function), "value", count);

        List<String> values = preparer.partValues(record, part);

        assertThat(values)
                .containsExactlyElementsOf(expected.isEmpty() ? List.of() : Arrays.asList(expected.split("\\|")));
    }

    @Test
    void keysArePrefixedByTheirNameSoThatEqualValuesOfTwoKeysNeverMeet() {
        RecordPreparer preparer = new RecordPreparer(EngineFixtures.settings());
        PreparedRecord record = preparer.prepare(EngineFixtures.record(
                1,
                "first_name",
                "Anna",
                "last_name",
                "Smith",
                "birth_date",
                "1980-05-12",
                "email",
                "anna@example.com"));

        assertThat(preparer.blockingKeys(record))
                .containsExactly("names:AN|SM0", "last_name_birth_date:SM0|1980-05-12", "email:anna@example.com");
    }

    @Test
    void anUnorderedKeyIsTheSameForSwappedFirstAndLastNames() {
        RecordPreparer preparer = new RecordPreparer(MatchSettings.defaults("person", BuiltInTypes.PERSON));
        PreparedRecord straight =
                preparer.prepare(EngineFixtures.record(1, "first_name", "Anna", "last_name", "Smith"));
        PreparedRecord swapped = preparer.prepare(EngineFixtures.record(2, "first_name", "Smith", "last_name", "Anna"));

        assertThat(preparer.blockingKeys(straight)).contains("names:AN|SM0");
        assertThat(preparer.blockingKeys(swapped)).contains("names:AN|SM0");
    }

    @Test
    void aKeyWithSplitPartsAlsoGivesItsFinerKey() {
        RecordPreparer preparer = new RecordPreparer(MatchSettings.defaults("person", BuiltInTypes.PERSON));
        PreparedRecord record = preparer.prepare(
                EngineFixtures.record(1, "first_name", "Anna", "last_name", "Smith", "birth_date", "1980-05-12"));

        assertThat(preparer.blockingKeys(record)).contains("names:AN|SM0", "names/split:AN|SM0|1980");
    }

    @Test
    void aRecordWithoutAPartHasNoKeyOfThatKind() {
        RecordPreparer preparer = new RecordPreparer(EngineFixtures.settings());
        PreparedRecord record = preparer.prepare(EngineFixtures.record(1, "last_name", "Smith"));

        assertThat(preparer.blockingKeys(record)).isEmpty();
    }

    @Test
    void theHashedKeysOfTheBulkRunMatchTheKeyTexts() {
        RecordPreparer preparer = new RecordPreparer(EngineFixtures.settings());
        PreparedRecord record = preparer.prepare(EngineFixtures.record(
                1, "first_name", "Anna", "last_name", "Smith", "birth_date", "1980-05-12", "national_id", "X1"));

        long[] hashes = preparer.keyHashes(record);

        assertThat(Arrays.stream(hashes).mapToObj(hash -> preparer.keyText(record, hash)))
                .containsExactlyInAnyOrderElementsOf(preparer.blockingKeys(record));
    }

    private static RecordPreparer preparerFor(String dataType) {
        Map<String, Object> section = Map.of(
                "blocking", Map.of("keys", List.of(Map.of("name", "value", "parts", List.of("exact(value)")))),
                "comparisons", List.of(Map.of("attribute", "value", "levels", List.of("exact"))));
        return new RecordPreparer(MatchSettings.parse(section, List.of(BuiltInTypes.attribute("value", dataType)))
                .orElseThrow());
    }
}
