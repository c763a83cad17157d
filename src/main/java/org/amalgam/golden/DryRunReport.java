package org.amalgam.golden;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What a changed model would do to an entity type's golden records if its records were matched again under it;
 * nothing was written.
 *
 * @param type the entity type
 * @param modelVersion the version of the stored model the change starts from
 * @param records the live source records that have a golden record
 * @param goldenRecords the active golden records now
 * @param goldenRecordsAfter the active golden records there would be
 * @param counts every golden record of now in exactly one of merged, split, joined, valueChanged and unchanged
 * @param thresholds the score thresholds of the stored model and of the changed one
 * @param weights where the weights came from: STORED (the comparisons did not change), ESTIMATED (from the records,
 *     by EM, not stored) or STARTING (too few records to learn from)
 * @param samples up to the asked number of golden records of each outcome: MERGED, SPLIT, JOINED, VALUE_CHANGED
 */
public record DryRunReport(
        String type,
        int modelVersion,
        int records,
        int goldenRecords,
        int goldenRecordsAfter,
        Counts counts,
        Thresholds thresholds,
        String weights,
        Map<String, List<Sample>> samples) {

    /** The outcomes that have samples, in the order the report lists them. */
    public static final List<String> OUTCOMES = List.of("MERGED", "SPLIT", "JOINED", "VALUE_CHANGED");

    /** The counts that divide the golden records of now between them. */
    public static final List<String> OUTCOME_COUNTS = List.of("merged", "split", "joined", "valueChanged", "unchanged");

    /**
     * @param merged golden records that would be merged into another one (their id would answer 308)
     * @param split golden records that would lose records to another golden record
     * @param joined golden records that would gain records and lose none
     * @param valueChanged golden records with the same records whose values would change (survivorship)
     * @param unchanged golden records that would stay exactly as they are
     * @param created new golden records the split-off records would get
     * @param restored golden records merged away earlier that split-off records would bring back
     * @param movedRecords source records that would change their golden record
     * @param possibleMatches pairs of golden records a steward would be asked to review (POSSIBLE_MATCH)
     */
    public record Counts(
            int merged,
            int split,
            int joined,
            int valueChanged,
            int unchanged,
            int created,
            int restored,
            int movedRecords,
            int possibleMatches) {}

    /** The thresholds (match probabilities) of the stored model and of the changed one. */
    public record Thresholds(Band current, Band proposed) {}

    /** A pair of thresholds: at or above {@code same} records are merged, at or above {@code possible} reviewed. */
    public record Band(double same, double possible) {}

    /**
     * One golden record of now and what would become of it.
     *
     * @param outcome MERGED, SPLIT, JOINED or VALUE_CHANGED
     * @param into for MERGED, the golden record it would be merged into
     * @param recordsBefore its source records now, as {@code source:key}
     * @param recordsAfter the source records of the golden record that continues it
     * @param splitOff for SPLIT, where the records that leave would go
     * @param changes the values that would differ: its values now against those of the golden record that continues
     *     it
     */
    public record Sample(
            UUID goldenId,
            String outcome,
            UUID into,
            List<String> recordsBefore,
            List<String> recordsAfter,
            List<SplitOff> splitOff,
            List<ValueChange> changes) {}

    /**
     * Records that would leave a golden record.
     *
     * @param goldenId the golden record they would go to: an existing one, one merged away earlier that would come
     *     back (restored), or null for a new one
     */
    public record SplitOff(UUID goldenId, boolean restored, List<String> records) {}

    /** One attribute whose golden value would change. */
    public record ValueChange(String attribute, Object before, Object after) {}
}
