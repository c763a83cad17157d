package org.amalgam.match.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.amalgam.match.bench.BuiltInTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ComparisonLevelTests {

    @ParameterizedTest(name = "{0} {1} on {2}: ''{3}'' vs ''{4}'' holds: {5}")
    @CsvSource(
            delimiter = ';',
            textBlock =
                    """
            exact;                0;    name;       Müller;            muller;             true
            exact;                0;    name;       Smith;             Smyth;              false
            exact;                0;    identifier; DE 123 456 789;    DE123456789;        true
            jaro_winkler;         0.95; name;       Martha;            Marhta;             true
            jaro_winkler;         0.95; name;       Dwayne;            Duane;              false
            jaro_winkler;         0.8;  name;       Dwayne;            Duane;              true
            jaro_winkler;         0.8;  name;       Dixon;             Dicksonx;           true
            jaro_winkler;         0.9;  name;       Dixon;             Dicksonx;           false
            levenshtein;          1;    name;       kitten;            sitten;             true
            levenshtein;          1;    name;       kitten;            sittin;             false
            levenshtein;          1;    name;       abcd;              abdc;               false
            damerau_levenshtein;  1;    name;       abcd;              abdc;               true
            damerau_levenshtein;  2;    email;      e.rogers@hopkins.org; e.rogers@honkips.org; true
            jaccard;              0.6;  text;       data base systems; base data;          true
            jaccard;              0.5;  text;       data base systems; database systems;   false
            token_subset;         0;    name;       Schmidt;           Schmidt-Weber;      true
            token_subset;         0;    name;       Schmidt;           Weber;              false
            initials;             0;    name;       P.;                Patricia;           true
            initials;             0;    name;       Patricia;          P;                  true
            initials;             0;    name;       J R;               John Ronald;        true
            initials;             0;    name;       P;                 Anna;               false
            initials;             0;    name;       Pa;                Patricia;           false
            double_metaphone;     0;    name;       Smith;             Schmidt;            true
            double_metaphone;     0;    name;       Smith;             Jones;              false
            prefix;               3;    name;       Johnson;           Johnston;           true
            prefix;               1;    enum;       M;                 male;               true
            prefix;               1;    enum;       F;                 male;               false
            email_local;          0;    email;      jane@a.com;        jane@b.org;         true
            email_local;          0;    email;      jane@a.com;        janet@a.com;        false
            phone_suffix;         4;    phone;      +4930123456;       +4989123456;        true
            phone_suffix;         4;    phone;      +4930123456;       +4930123457;        false
            transposed_day_month; 0;    date;       1980-05-12;        1980-12-05;         true
            transposed_day_month; 0;    date;       1980-05-12;        1981-12-05;         false
            one_digit;            0;    date;       1985-05-12;        1958-05-12;         true
            one_digit;            0;    date;       1985-05-12;        1985-05-13;         true
            one_digit;            0;    date;       1985-05-12;        1986-06-12;         false
            same_year;            0;    date;       1985-01-01;        1985-12-31;         true
            same_year;            0;    date;       1985-01-01;        1986-01-01;         false
            within_years;         2;    date;       1980-01-01;        1982-12-31;         true
            within_years;         2;    date;       1980-01-01;        1983-01-01;         false
            within_days;          10;   date;       1979-12-27;        1980-01-06;         true
            within_days;          10;   date;       1979-12-25;        1980-01-05;         false
            absolute;             5;    number;     100;               104.5;              true
            absolute;             5;    number;     100;               106;                false
            relative;             0.1;  money;      100;               91;                 true
            relative;             0.1;  money;      100;               89;                 false
            """)
    void aLevelHoldsOrNot(String kind, double argument, String dataType, String a, String b, boolean holds) {
        Object level = LevelKind.of(kind).argument() == LevelKind.Argument.NONE ? kind : Map.of(kind, argument);
        MatchSettings settings = settings(dataType, List.of(level));
        RecordPreparer preparer = new RecordPreparer(settings);
        CompiledComparison comparison =
                new CompiledComparison(settings.comparisons().get(0), preparer.layout);

        int reached = comparison.level(
                preparer.prepare(MatchRecord.of(1, 1, Map.of("value", a))),
                preparer.prepare(MatchRecord.of(2, 1, Map.of("value", b))),
                new StringMetrics.Scratch());

        assertThat(reached).as("level index (1: the level, 2: else)").isEqualTo(holds ? 1 : 2);
    }

    @Test
    void anEmptyValueOnEitherSideIsTheMissingLevel() {
        MatchSettings settings = settings("name", List.of("exact"));
        RecordPreparer preparer = new RecordPreparer(settings);
        CompiledComparison comparison =
                new CompiledComparison(settings.comparisons().get(0), preparer.layout);

        int reached = comparison.level(
                preparer.prepare(MatchRecord.of(1, 1, Map.of("value", "Anna"))),
                preparer.prepare(MatchRecord.of(2, 1, Map.of())),
                new StringMetrics.Scratch());

        assertThat(reached).isZero();
    }

    @Test
    void swappedFirstAndLastNamesReachTheSwappedLevel() {
        MatchSettings settings = MatchSettings.defaults("person", BuiltInTypes.PERSON);
        RecordPreparer preparer = new RecordPreparer(settings);
        CompiledComparison firstName =
                new CompiledComparison(settings.comparisons().get(0), preparer.layout);
        PreparedRecord a = preparer.prepare(EngineFixtures.record(1, "first_name", "Anna", "last_name", "Smith"));
        PreparedRecord b = preparer.prepare(EngineFixtures.record(2, "first_name", "Smith", "last_name", "Anna"));

        int reached = firstName.level(a, b, new StringMetrics.Scratch());

        assertThat(settings.comparisons().get(0).levels().get(reached).kind()).isEqualTo(LevelKind.SWAPPED);
    }

    @Test
    void theFirstLevelThatHoldsWins() {
        MatchSettings settings =
                settings("name", List.of("exact", Map.of("jaro_winkler", 0.9), Map.of("jaro_winkler", 0.7)));
        RecordPreparer preparer = new RecordPreparer(settings);
        CompiledComparison comparison =
                new CompiledComparison(settings.comparisons().get(0), preparer.layout);
        StringMetrics.Scratch scratch = new StringMetrics.Scratch();

        assertThat(comparison.level(value(preparer, "Martha"), value(preparer, "Martha"), scratch))
                .isEqualTo(1);
        assertThat(comparison.level(value(preparer, "Martha"), value(preparer, "Marhta"), scratch))
                .isEqualTo(2);
        assertThat(comparison.level(value(preparer, "Dwayne"), value(preparer, "Duane"), scratch))
                .isEqualTo(3);
        assertThat(comparison.level(value(preparer, "Anna"), value(preparer, "Xerxes"), scratch))
                .isEqualTo(4);
    }

    private static PreparedRecord value(RecordPreparer preparer, String value) {
        return preparer.prepare(MatchRecord.of(1, 1, Map.of("value", value)));
    }

    private static MatchSettings settings(String dataType, List<Object> levels) {
        Map<String, Object> section = Map.of(
                "blocking", Map.of("keys", List.of(Map.of("name", "value", "parts", List.of("exact(value)")))),
                "comparisons", List.of(Map.of("attribute", "value", "levels", levels)));
        return MatchSettings.parse(section, List.of(BuiltInTypes.attribute("value", dataType)))
                .orElseThrow();
    }
}
