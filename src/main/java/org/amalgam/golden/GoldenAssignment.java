package org.amalgam.golden;

import java.util.UUID;

/**
 * Where one source record belongs: its golden record, why (the crosswalk rule and score), and how many live source
 * records the golden record holds.
 */
public record GoldenAssignment(
        UUID goldenId, String goldenStatus, String rule, Double score, int members, long sourceRecordId) {}
