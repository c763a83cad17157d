package org.amalgam.match.engine;

import java.util.Map;

/**
 * A source record as the engine sees it: its standardized attributes (names capitalized, dates ISO {@code
 * yyyy-MM-dd}, e-mails lower case, phones E.164, countries ISO-2), and what constraints need.
 *
 * @param id the source record's id
 * @param sourceId the source system's id
 * @param sourceDeduplicated whether that source holds no duplicates of its own: two of its records are never merged
 *     automatically
 * @param attributes attribute name → standardized value; absent, null or blank means empty
 */
public record MatchRecord(long id, long sourceId, boolean sourceDeduplicated, Map<String, String> attributes) {

    public MatchRecord {
        attributes = attributes == null ? Map.of() : attributes;
    }

    /** A record of a source with duplicates of its own. */
    public static MatchRecord of(long id, long sourceId, Map<String, String> attributes) {
        return new MatchRecord(id, sourceId, false, attributes);
    }
}
