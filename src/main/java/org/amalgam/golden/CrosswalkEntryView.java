package org.amalgam.golden;

import java.time.Instant;

/** One source record that is part of a golden record, and why. */
public record CrosswalkEntryView(
        long sourceRecordId, String source, String sourceKey, String rule, Double score, Instant since) {}
