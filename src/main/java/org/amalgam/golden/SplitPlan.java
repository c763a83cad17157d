package org.amalgam.golden;

import java.util.List;
import java.util.UUID;

/**
 * What splitting a source record out of a golden record does, before it is done.
 *
 * @param fromId the golden record it leaves
 * @param targetId the golden record it goes to: the id it had before a merge when {@code restores}, else null (a new
 *     id)
 * @param restores whether a merged-away golden record comes back
 * @param moving the source records that go, as {@code source:key}: the named one, and with a restore every record that
 *     came in with it
 * @param staying the live source records that stay, as {@code source:key}
 */
public record SplitPlan(UUID fromId, UUID targetId, boolean restores, List<String> moving, List<String> staying) {}
