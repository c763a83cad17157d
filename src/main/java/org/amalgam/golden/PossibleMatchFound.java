package org.amalgam.golden;

import java.util.Map;
import java.util.UUID;

/**
 * The matcher found two golden records that may be one entity but did not merge them (the score fell between the
 * thresholds, a constraint stood in the way, or a record matched two golden records equally well). Published in the
 * transaction that assigned the records; the review queue opens a POSSIBLE_MATCH task for a steward.
 *
 * @param details the score and the evidence, for the steward
 */
public record PossibleMatchFound(long entityTypeId, UUID goldenId, UUID otherGoldenId, Map<String, Object> details) {}
