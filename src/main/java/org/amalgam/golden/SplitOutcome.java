package org.amalgam.golden;

import java.util.List;
import java.util.UUID;

/**
 * What a split did.
 *
 * @param fromId the golden record the source record left
 * @param toId the golden record it is in now
 * @param restored whether {@code toId} is the id it had before a merge (else a new one)
 * @param moved the source records that moved, as {@code source:key}
 */
public record SplitOutcome(UUID fromId, UUID toId, boolean restored, List<String> moved) {}
