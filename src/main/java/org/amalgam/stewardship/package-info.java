/**
 * Stewardship: the review queue of data stewards. Review tasks (possible matches, conflicts between sources on
 * attributes that matter, data quality) and the decisions on them, which merge, keep apart or override golden records
 * through the golden module.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Stewardship")
package org.amalgam.stewardship;
