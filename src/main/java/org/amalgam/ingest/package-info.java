/**
 * Inbound: files, and later REST, JDBC and folder sources, all ending in one pipeline (map, standardize,
 * validate, store). Owns source records with every version, import jobs and their per-row rejections.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Ingest")
package org.amalgam.ingest;
