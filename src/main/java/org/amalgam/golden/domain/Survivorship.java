package org.amalgam.golden.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.amalgam.golden.LineageView;
import org.amalgam.model.SurvivorshipSettings;

/**
 * Picks each golden value from the member source records with the attribute's rule chain from the model (by default
 * source priority, then most recent), then the source code and key so that the result never depends on order. A
 * steward override wins over every rule.
 */
final class Survivorship {

    static final String RULE = SurvivorshipSettings.DEFAULT_CHAIN.describe();
    /** The last tie-break of every chain. */
    static final String TIE_BREAK = "source_and_key";

    private static final Comparator<SurvivorshipRule.Offer> BY_SOURCE_AND_KEY = Comparator.comparing(
                    (SurvivorshipRule.Offer o) -> o.member().source())
            .thenComparing(o -> o.member().sourceKey())
            .thenComparingLong(o -> o.member().id());

    private Survivorship() {}

    /** One live source record of a golden record. */
    record Member(
            long id,
            String source,
            int priority,
            String sourceKey,
            int version,
            Map<String, Object> attributes,
            Instant updatedAt) {}

    /** The chosen values and their lineage, in the model's attribute order. */
    record Result(Map<String, Object> values, Map<String, LineageView> lineage) {}

    static Result choose(List<String> attributeOrder, List<Member> members) {
        return choose(attributeOrder, members, SurvivorshipSettings.DEFAULT, Map.of());
    }

    static Result choose(
            List<String> attributeOrder,
            List<Member> members,
            SurvivorshipSettings settings,
            Map<String, OverrideValue> overrides) {
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, LineageView> lineage = new LinkedHashMap<>();
        Set<String> attributes = new LinkedHashSet<>(attributeOrder);
        attributes.addAll(overrides.keySet());
        for (String attribute : attributes) {
            List<SurvivorshipRule.Offer> offers = new ArrayList<>();
            for (Member member : members) {
                Object value = member.attributes().get(attribute);
                if (value != null && !(value instanceof String text && text.isBlank())) {
                    offers.add(new SurvivorshipRule.Offer(value, member));
                }
            }
            SurvivorshipSettings.Chain chain = settings.chainFor(attribute);
            SurvivorshipRule.Context context = new SurvivorshipRule.Context(List.copyOf(offers), chain.sources());
            List<SurvivorshipRule> rules =
                    chain.rules().stream().map(SurvivorshipRules::get).toList();
            Comparator<SurvivorshipRule.Offer> order = null;
            for (SurvivorshipRule rule : rules) {
                Comparator<SurvivorshipRule.Offer> next = rule.preference(context);
                order = order == null ? next : order.thenComparing(next);
            }
            order = order == null ? BY_SOURCE_AND_KEY : order.thenComparing(BY_SOURCE_AND_KEY);
            offers.sort(order);
            List<LineageView.Candidate> candidates = offers.stream()
                    .map(o -> new LineageView.Candidate(
                            o.value(),
                            o.member().source(),
                            o.member().sourceKey(),
                            o.member().id(),
                            o.member().version()))
                    .toList();
            OverrideValue override = overrides.get(attribute);
            if (override != null) {
                values.put(attribute, override.value());
                lineage.put(
                        attribute,
                        new LineageView(
                                null,
                                null,
                                null,
                                null,
                                LineageView.OVERRIDE_RULE,
                                null,
                                candidates,
                                new LineageView.Steward(override.by(), override.reason(), override.at())));
            } else if (!offers.isEmpty()) {
                SurvivorshipRule.Offer winner = offers.get(0);
                values.put(attribute, winner.value());
                lineage.put(
                        attribute,
                        new LineageView(
                                winner.member().id(),
                                winner.member().source(),
                                winner.member().sourceKey(),
                                winner.member().version(),
                                chain.describe(),
                                decidedBy(rules, context, winner, offers),
                                candidates,
                                null));
            }
        }
        return new Result(values, lineage);
    }

    /**
     * The first rule of the chain that prefers the winner to the best offer of another value; null when every source
     * offers the same value.
     */
    private static String decidedBy(
            List<SurvivorshipRule> rules,
            SurvivorshipRule.Context context,
            SurvivorshipRule.Offer winner,
            List<SurvivorshipRule.Offer> ranked) {
        SurvivorshipRule.Offer runnerUp = ranked.stream()
                .filter(o -> !o.value().equals(winner.value()))
                .findFirst()
                .orElse(null);
        if (runnerUp == null) {
            return null;
        }
        for (SurvivorshipRule rule : rules) {
            if (rule.preference(context).compare(winner, runnerUp) != 0) {
                return rule.name();
            }
        }
        return TIE_BREAK;
    }
}
