package org.amalgam.golden.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.amalgam.golden.LineageView;
import org.amalgam.golden.LineageView.Candidate;
import org.amalgam.model.SurvivorshipSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SurvivorshipTests {

    private static final List<String> ATTRIBUTES = List.of("first_name", "last_name", "email", "city");
    private static final Instant JANUARY = Instant.parse("2025-01-01T00:00:00Z");
    private static final Instant MARCH = Instant.parse("2025-03-01T00:00:00Z");

    private static long nextId = 1;

    /** A member written as {@code source:priority:key:updatedAt}, giving only a first name. */
    private static Survivorship.Member member(String spec, String firstName) {
        String[] parts = spec.split(":");
        return member(
                parts[0],
                Integer.parseInt(parts[1]),
                parts[2],
                Instant.parse(parts[3] + "T00:00:00Z"),
                Map.of("first_name", firstName));
    }

    private static Survivorship.Member member(
            String source, int priority, String key, Instant updatedAt, Map<String, Object> attributes) {
        return new Survivorship.Member(nextId++, source, priority, key, 1, attributes, updatedAt);
    }

    @ParameterizedTest(name = "[{index}] {4}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            crm:10:c1:2025-01-01 | erp:50:e1:2025-03-01 | Ann    | crm | the more trusted source wins even when older
            crm:50:c1:2025-01-01 | erp:10:e1:2025-03-01 | Annie  | erp | the lower priority number is the more trusted
            crm:10:c1:2025-01-01 | erp:10:e1:2025-03-01 | Annie  | erp | between equally trusted sources the most recent wins
            crm:10:c1:2025-03-01 | erp:10:e1:2025-01-01 | Ann    | crm | the most recent wins whichever order the records come in
            crm:10:c2:2025-01-01 | crm:10:c1:2025-01-01 | Annie  | crm | a full tie is broken by key, never by order
            """)
    void picksTheValueOfTheMostTrustedThenMostRecentRecord(
            String first, String second, String expectedValue, String expectedSource, String why) {
        Survivorship.Member a = member(first, "Ann");
        Survivorship.Member b = member(second, "Annie");

        for (List<Survivorship.Member> members : List.of(List.of(a, b), List.of(b, a))) {
            Survivorship.Result result = Survivorship.choose(ATTRIBUTES, members);

            assertThat(result.values()).as(why).containsEntry("first_name", expectedValue);
            assertThat(result.lineage().get("first_name").source()).as(why).isEqualTo(expectedSource);
        }
    }

    @Test
    void aMissingValueOfTheTrustedSourceIsFilledFromTheNextOne() {
        Survivorship.Member crm = member("crm", 10, "c1", MARCH, Map.of("first_name", "Ann"));
        Survivorship.Member erp = member("erp", 50, "e1", JANUARY, Map.of("first_name", "Annie", "city", "Berlin"));

        Survivorship.Result result = Survivorship.choose(ATTRIBUTES, List.of(erp, crm));

        assertThat(result.values()).containsEntry("first_name", "Ann").containsEntry("city", "Berlin");
        assertThat(result.lineage().get("city").source()).isEqualTo("erp");
    }

    @Test
    void anAttributeNoSourceGivesHasNeitherValueNorLineage() {
        Survivorship.Member crm = member("crm", 10, "c1", MARCH, Map.of("first_name", "Ann"));

        Survivorship.Result result = Survivorship.choose(ATTRIBUTES, List.of(crm));

        assertThat(result.values()).containsOnlyKeys("first_name");
        assertThat(result.lineage()).containsOnlyKeys("first_name");
    }

    @Test
    void lineageNamesTheWinningRecordTheRuleAndEveryValueOffered() {
        Survivorship.Member crm =
                new Survivorship.Member(7, "crm", 10, "c-7", 3, Map.of("email", "ann@example.com"), JANUARY);
        Survivorship.Member erp = member("erp", 50, "e-1", MARCH, Map.of("email", "ann.lee@example.com"));
        Survivorship.Member shop = member("shop", 90, "s-1", MARCH, Map.of("email", "a.lee@example.com"));

        LineageView lineage = Survivorship.choose(ATTRIBUTES, List.of(shop, erp, crm))
                .lineage()
                .get("email");

        assertThat(lineage.sourceRecordId()).isEqualTo(7L);
        assertThat(lineage.source()).isEqualTo("crm");
        assertThat(lineage.sourceKey()).isEqualTo("c-7");
        assertThat(lineage.version()).isEqualTo(3);
        assertThat(lineage.rule()).isEqualTo(Survivorship.RULE);
        assertThat(lineage.candidates())
                .extracting(c -> new Candidate(c.value(), c.source(), c.sourceKey()))
                .containsExactly(
                        new Candidate("ann@example.com", "crm", "c-7"),
                        new Candidate("ann.lee@example.com", "erp", "e-1"),
                        new Candidate("a.lee@example.com", "shop", "s-1"));
        assertThat(lineage.candidates().get(0).sourceRecordId()).isEqualTo(7L);
        assertThat(lineage.candidates().get(0).version()).isEqualTo(3);
        assertThat(lineage.decidedBy()).isEqualTo("source_priority");
    }

    @Test
    void valuesFollowTheAttributeOrderOfTheModel() {
        Survivorship.Member crm = member(
                "crm", 10, "c1", JANUARY, Map.of("city", "Berlin", "email", "ann@example.com", "first_name", "Ann"));

        Survivorship.Result result = Survivorship.choose(ATTRIBUTES, List.of(crm));

        assertThat(result.values().keySet()).containsExactly("first_name", "email", "city");
        assertThat(result.lineage().keySet()).containsExactly("first_name", "email", "city");
    }

    @Test
    void eachAttributeIsChosenOnItsOwn() {
        Survivorship.Member crm = member("crm", 10, "c1", JANUARY, Map.of("first_name", "Ann"));
        Survivorship.Member erp = member("erp", 50, "e1", MARCH, Map.of("first_name", "Annie", "last_name", "Lee"));

        Map<String, String> winners = Survivorship.choose(ATTRIBUTES, List.of(crm, erp)).lineage().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().source()));

        assertThat(winners).isEqualTo(Map.of("first_name", "crm", "last_name", "erp"));
    }

    @Test
    void aGoldenRecordWithoutMembersHasNoValues() {
        Survivorship.Result result = Survivorship.choose(
                ATTRIBUTES, Stream.<Survivorship.Member>empty().toList());

        assertThat(result.values()).isEmpty();
        assertThat(result.lineage()).isEmpty();
    }

    private static Survivorship.Member record(String source, int priority, String key, Instant updated, String email) {
        return member(source, priority, key, updated, Map.of("email", email));
    }

    @Test
    void anAttributesChainFromTheModelDecidesAndLineageNamesTheRuleThatBrokeTheTie() {
        SurvivorshipSettings settings = new SurvivorshipSettings(
                SurvivorshipSettings.DEFAULT_CHAIN,
                Map.of("email", new SurvivorshipSettings.Chain(List.of("most_frequent", "most_recent"), List.of())));
        List<Survivorship.Member> members = List.of(
                record("crm", 10, "c1", MARCH, "ann@crm.example"),
                record("erp", 50, "e1", MARCH, "ann@lee.example"),
                record("shop", 90, "s1", JANUARY, "ann@lee.example"));

        LineageView email = Survivorship.choose(ATTRIBUTES, members, settings, Map.of())
                .lineage()
                .get("email");

        assertThat(email.source())
                .as("the value two records offer, the more recent of them")
                .isEqualTo("erp");
        assertThat(email.rule()).isEqualTo("most frequent, then most recent");
        assertThat(email.decidedBy()).isEqualTo("most_frequent");
        assertThat(email.candidates().get(0).source())
                .as("the winner comes first")
                .isEqualTo("erp");
    }

    @Test
    void theDefaultChainStaysSourcePriorityThenMostRecent() {
        assertThat(Survivorship.RULE).isEqualTo("source priority, then most recent");
        List<Survivorship.Member> members = List.of(
                record("crm", 10, "c1", JANUARY, "old@example.com"), record("crm", 10, "c2", MARCH, "new@example.com"));

        LineageView email = Survivorship.choose(ATTRIBUTES, members).lineage().get("email");

        assertThat(email.sourceKey()).isEqualTo("c2");
        assertThat(email.decidedBy()).isEqualTo("most_recent");
    }

    @Test
    void aStewardOverrideWinsOverEveryRuleAndKeepsTheSourcesOffers() {
        List<Survivorship.Member> members = List.of(record("crm", 10, "c1", MARCH, "ann@example.com"));
        OverrideValue override = new OverrideValue("ann@lee.example", "asked her", "steward", JANUARY, null);

        Survivorship.Result result =
                Survivorship.choose(ATTRIBUTES, members, SurvivorshipSettings.DEFAULT, Map.of("email", override));

        assertThat(result.values()).containsEntry("email", "ann@lee.example");
        LineageView email = result.lineage().get("email");
        assertThat(email.rule()).isEqualTo(LineageView.OVERRIDE_RULE);
        assertThat(email.sourceRecordId()).isNull();
        assertThat(email.override().reason()).isEqualTo("asked her");
        assertThat(email.losingValues("ann@lee.example")).containsExactly("ann@example.com");
    }

    @Test
    void blankValuesAreNoCandidates() {
        List<Survivorship.Member> members =
                List.of(record("crm", 10, "c1", MARCH, "  "), record("erp", 50, "e1", JANUARY, "ann@example.com"));

        assertThat(Survivorship.choose(ATTRIBUTES, members).values()).containsEntry("email", "ann@example.com");
    }
}
