package org.amalgam.golden.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * A value a steward set for one attribute of a golden record; it wins over survivorship until removed.
 *
 * @param from the golden record it came from in a merge (it goes back there when that record is split off again); null
 *     when it was set on this record
 */
record OverrideValue(Object value, String reason, String by, Instant at, UUID from) {}
