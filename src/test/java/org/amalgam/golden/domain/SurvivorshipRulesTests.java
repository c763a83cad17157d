package org.amalgam.golden.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.amalgam.model.SurvivorshipSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * One table per survivorship rule. An offer is written {@code source:priority:key:updated:value:filled}: the source and
 * its priority, the record's key, when it was updated, the value it offers, and how many attributes the record has
 * filled in. Records are numbered in the order written (the first is the oldest). The expected column lists the keys
 * the rule keeps as best (ties keep several).
 */
class SurvivorshipRulesTests {

    private static List<SurvivorshipRule.Offer> offers(String specs) {
        List<SurvivorshipRule.Offer> offers = new ArrayList<>();
        long id = 1;
        for (String spec : specs.split("\\s+")) {
            String[] p = spec.split(":");
            Map<String, Object> attributes = new HashMap<>();
            int filled = p.length > 5 ? Integer.parseInt(p[5]) : 1;
            for (int i = 0; i < filled; i++) {
                attributes.put("a" + i, "x");
            }
            attributes.put("value", p[4].replace('_', ' '));
            Survivorship.Member member = new Survivorship.Member(
                    id++, p[0], Integer.parseInt(p[1]), p[2], 1, attributes, Instant.parse(p[3] + "T00:00:00Z"));
            offers.add(new SurvivorshipRule.Offer(attributes.get("value"), member));
        }
        return offers;
    }

    /** The keys of the offers the rule ranks first, in the order written. */
    private static List<String> best(String rule, String specs, String sources) {
        List<SurvivorshipRule.Offer> offers = offers(specs);
        List<String> sourceList = sources == null || sources.isBlank() ? List.of() : Arrays.asList(sources.split(" "));
        Comparator<SurvivorshipRule.Offer> preference =
                SurvivorshipRules.get(rule).preference(new SurvivorshipRule.Context(offers, sourceList));
        SurvivorshipRule.Offer top = offers.stream().min(preference).orElseThrow();
        return offers.stream()
                .filter(o -> preference.compare(o, top) == 0)
                .map(o -> o.member().sourceKey())
                .toList();
    }

    private static List<String> keys(String expected) {
        return Arrays.asList(expected.split(" "));
    }

    @ParameterizedTest(name = "[{index}] {3}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            crm:10:c1:2025-01-01:Ann  erp:50:e1:2025-03-01:Annie  |          | c1    | the lower priority number wins
            crm:50:c1:2025-01-01:Ann  erp:10:e1:2025-03-01:Annie  |          | e1    | whichever source it is
            crm:10:c1:2025-01-01:Ann  crm:10:c2:2025-03-01:Annie  |          | c1 c2 | records of one source tie
            crm:10:c1:2025-01-01:Ann  erp:50:e1:2025-03-01:Annie  | erp crm  | e1    | the attribute's source order wins over the sources' own priority
            crm:10:c1:2025-01-01:Ann  shop:5:s1:2025-03-01:Annie  | crm      | c1    | a listed source comes before every unlisted one
            erp:50:e1:2025-01-01:Ann  shop:5:s1:2025-03-01:Annie  | crm      | s1    | unlisted sources keep their own priority among themselves
            """)
    void sourcePriority(String offers, String sources, String expected, String why) {
        assertThat(best("source_priority", offers, sources)).as(why).isEqualTo(keys(expected));
    }

    @ParameterizedTest(name = "[{index}] {2}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            crm:10:c1:2025-01-01:Ann  erp:50:e1:2025-03-01:Annie                       | e1    | the most recently updated record wins
            crm:10:c1:2025-03-01:Ann  erp:50:e1:2025-01-01:Annie                       | c1    | whatever its source's trust
            crm:10:c1:2025-03-01:Ann  erp:50:e1:2025-03-01:Annie  x:1:x1:2024-01-01:A  | c1 e1 | equally recent records tie
            """)
    void mostRecent(String offers, String expected, String why) {
        assertThat(best("most_recent", offers, null)).as(why).isEqualTo(keys(expected));
    }

    @ParameterizedTest(name = "[{index}] {2}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            a:1:k1:2025-01-01:Ann  b:1:k2:2025-01-01:Annie  c:1:k3:2025-01-01:Annie  | k2 k3 | the value most records offer wins
            a:1:k1:2025-01-01:Ann  b:1:k2:2025-01-01:Annie                           | k1 k2 | once each is a tie
            a:1:k1:2025-01-01:Ann  b:1:k2:2025-01-01:Ann    c:1:k3:2025-01-01:Bo     | k1 k2 | two against one
            """)
    void mostFrequent(String offers, String expected, String why) {
        assertThat(best("most_frequent", offers, null)).as(why).isEqualTo(keys(expected));
    }

    @ParameterizedTest(name = "[{index}] {2}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            a:1:k1:2025-01-01:Ann:3  b:1:k2:2025-01-01:Annie:7  | k2    | the record with the most attributes filled in wins
            a:1:k1:2025-01-01:Ann:5  b:1:k2:2025-01-01:Annie:5  | k1 k2 | equally complete records tie
            """)
    void mostComplete(String offers, String expected, String why) {
        assertThat(best("most_complete", offers, null)).as(why).isEqualTo(keys(expected));
    }

    @ParameterizedTest(name = "[{index}] {2}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            a:1:k1:2025-01-01:A.  b:1:k2:2025-01-01:Annabel          | k2    | the longest value wins, e.g. a full name over an initial
            a:1:k1:2025-01-01:Ann_Lee  b:1:k2:2025-01-01:Annlee      | k1    | spaces count
            a:1:k1:2025-01-01:Zoë  b:1:k2:2025-01-01:Zoe              | k1 k2 | characters, not bytes
            """)
    void longest(String offers, String expected, String why) {
        assertThat(best("longest", offers, null)).as(why).isEqualTo(keys(expected));
    }

    @ParameterizedTest(name = "[{index}] {3}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            a:1:k1:2025-03-01:Ann  b:1:k2:2025-01-01:Annie  |         | k1 | the record that came first wins
            b:1:k2:2025-01-01:Annie  a:1:k1:2025-03-01:Ann  |         | k2 | first by arrival, not by name or date
            a:1:k1:2025-01-01:Ann  b:1:k2:2025-01-01:Annie  | b a     | k2 | in the attribute's source order when it has one
            """)
    void firstNonEmpty(String offers, String sources, String expected, String why) {
        assertThat(best("first_non_empty", offers, sources)).as(why).isEqualTo(keys(expected));
    }

    @Test
    void everyRuleTheModelCanNameExists() {
        assertThat(SurvivorshipRules.BY_NAME.keySet()).containsExactlyInAnyOrderElementsOf(SurvivorshipSettings.RULES);
    }
}
