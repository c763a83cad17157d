package org.amalgam.golden;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Where a golden value came from: the source record version that gave it, the rule chain that chose it (and the rule
 * of the chain that decided), and every value offered; the ones that differ from the golden value lost. A value set by
 * a steward has no source record but says who set it and why.
 *
 * @param sourceRecordId the source record that gave the value; null for a steward override
 * @param version that source record's version
 * @param rule the rule chain, e.g. {@code source priority, then most recent}, or {@code steward override}
 * @param decidedBy the rule of the chain that preferred the chosen value to the best other value; null when the sources
 *     offer only one value
 * @param candidates every value the live source records offer, the chosen one first
 * @param override who set the value and why, for a steward override; else null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LineageView(
        Long sourceRecordId,
        String source,
        String sourceKey,
        Integer version,
        String rule,
        String decidedBy,
        List<Candidate> candidates,
        Steward override) {

    /** The rule of a value a steward set. */
    public static final String OVERRIDE_RULE = "steward override";

    public LineageView {
        candidates = candidates == null ? List.of() : List.copyOf(candidates);
    }

    /** How many different values the sources offer; more than one means they disagree. */
    public long distinctValues() {
        return candidates.stream().map(Candidate::value).distinct().count();
    }

    /** The offered values that differ from the chosen one, each once. */
    public List<Object> losingValues(Object chosen) {
        return candidates.stream()
                .map(Candidate::value)
                .filter(v -> !Objects.equals(v, chosen))
                .distinct()
                .toList();
    }

    public boolean overridden() {
        return override != null;
    }

    /** A value that a source record offered for the attribute. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Candidate(Object value, String source, String sourceKey, Long sourceRecordId, Integer version) {

        public Candidate(Object value, String source, String sourceKey) {
            this(value, source, sourceKey, null, null);
        }
    }

    /** Who set a steward override, when, and why. */
    public record Steward(String by, String reason, Instant at) {}
}
