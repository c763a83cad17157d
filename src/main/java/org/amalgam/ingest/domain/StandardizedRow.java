package org.amalgam.ingest.domain;

import java.util.List;
import java.util.Map;

/**
 * One row as it will be stored: its source key and standardized attributes, the values left out with a data-quality
 * flag, and, when it is rejected, the reasons.
 *
 * @param key the source key, stripped; empty when the row has none
 * @param attributes the standardized values that passed validation, in model order
 * @param flags values that failed standardization or validation and are kept in the raw payload only
 * @param reasons why the row is rejected; empty when it is stored
 */
public record StandardizedRow(String key, Map<String, Object> attributes, List<Flag> flags, List<String> reasons) {

    public boolean rejected() {
        return !reasons.isEmpty();
    }

    /** A value left out of the standardized record, and why; stored in the record's {@code issues}. */
    public record Flag(String attribute, String issue) {}
}
