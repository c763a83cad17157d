package org.amalgam.golden.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.amalgam.golden.LineageView;

/**
 * Picks each golden value from the member source records: the most trusted source wins (lowest priority number),
 * then the most recently updated record, then the source code and key so that the result never depends on order.
 */
final class Survivorship {

    static final String RULE = "source priority, then most recent";

    private static final Comparator<Member> PREFERENCE = Comparator.comparingInt(Member::priority)
            .thenComparing(Member::updatedAt, Comparator.reverseOrder())
            .thenComparing(Member::source)
            .thenComparing(Member::sourceKey);

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
        List<Member> ranked = new ArrayList<>(members);
        ranked.sort(PREFERENCE);
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, LineageView> lineage = new LinkedHashMap<>();
        for (String attribute : attributeOrder) {
            Member winner = null;
            List<LineageView.Candidate> candidates = new ArrayList<>();
            for (Member member : ranked) {
                Object value = member.attributes().get(attribute);
                if (value == null) {
                    continue;
                }
                if (winner == null) {
                    winner = member;
                }
                candidates.add(new LineageView.Candidate(value, member.source(), member.sourceKey()));
            }
            if (winner != null) {
                values.put(attribute, winner.attributes().get(attribute));
                lineage.put(
                        attribute,
                        new LineageView(
                                winner.id(), winner.source(), winner.sourceKey(), winner.version(), RULE, candidates));
            }
        }
        return new Result(values, lineage);
    }
}
