package org.amalgam.stewardship;

/**
 * A steward's decision on a task.
 *
 * @param value for KEEP_VALUE: the value to set as an override
 * @param source for KEEP_VALUE: instead of a value, the source whose candidate value to keep (with {@code sourceKey})
 * @param reason why; goes into the golden record's history
 */
public record DecisionRequest(Decision decision, String value, String source, String sourceKey, String reason) {}
