/**
 * Matching: blocking keys, comparisons, Fellegi-Sunter weights estimated by EM without labels, explained scores, and
 * clustering that does not chain, for the bulk load and for one record arriving in real time. The engine itself is
 * pure Java in {@code engine}; see docs/matching.md.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Match")
package org.amalgam.match;
