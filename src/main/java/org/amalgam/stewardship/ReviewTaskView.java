package org.amalgam.stewardship;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.amalgam.shared.EvidenceChart;

/**
 * A review task.
 *
 * @param type the entity type's code
 * @param kind POSSIBLE_MATCH, CONFLICT or DATA_QUALITY
 * @param status OPEN, RESOLVED or DISMISSED
 * @param attribute the attribute of a CONFLICT
 * @param details for a CONFLICT: {@code current} (the golden value) and {@code candidates}, each a value with the
 *     source records that offer it; for a POSSIBLE_MATCH what the matcher gave (score, evidence)
 * @param decision the decision (MERGE, NOT_A_MATCH, KEEP_VALUE, DISMISS), or AGREED / OBSOLETE when the task closed
 *     itself
 */
public record ReviewTaskView(
        UUID id,
        String type,
        String kind,
        String status,
        UUID goldenId,
        UUID otherGoldenId,
        String attribute,
        Map<String, Object> details,
        Instant createdAt,
        Instant resolvedAt,
        String resolvedBy,
        String decision,
        String reason) {

    public boolean open() {
        return "OPEN".equals(status);
    }

    /** The matcher's explanation of a POSSIBLE_MATCH as a bar chart; null when the task has none. */
    public EvidenceChart evidence() {
        return EvidenceChart.of(details.get("evidence"));
    }

    /** The details but the explanation (which {@link #evidence()} draws): score, what kept the pair apart, … */
    public Map<String, Object> otherDetails() {
        Map<String, Object> other = new java.util.LinkedHashMap<>(details);
        other.remove("evidence");
        return other;
    }

    /** The candidate values of a CONFLICT, each with its sources; empty for other kinds. */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> candidates() {
        Object candidates = details.get("candidates");
        return candidates instanceof List<?> list ? (List<Map<String, Object>>) list : List.of();
    }
}
