/**
 * Golden records: one master record per real-world entity with a stable id, built from its source records by
 * survivorship, with lineage for every value and a version for every change. Reads the source records and source
 * systems tables set-based on the hot path.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Golden records")
package org.amalgam.golden;
