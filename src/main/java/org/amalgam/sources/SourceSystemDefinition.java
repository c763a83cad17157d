package org.amalgam.sources;

/**
 * What a caller says about a source system when creating or updating it.
 *
 * @param name a readable name, e.g. "Sales CRM"
 * @param department the department that owns the system
 * @param priority trust ranking: lower is more trusted; defaults to 100
 * @param deduplicated true when each of its keys is a distinct entity (no duplicates inside this source)
 * @param phoneRegion the default phone region, an ISO 3166-1 alpha-2 code in any case (e.g. "DE"): phone numbers
 *     without a country code are read in it when the record has no country; blank for none, null to keep what an
 *     existing source has
 */
public record SourceSystemDefinition(
        String name, String department, Integer priority, Boolean deduplicated, String phoneRegion) {

    /** A definition that leaves the phone region as it is (none for a new source). */
    public SourceSystemDefinition(String name, String department, Integer priority, Boolean deduplicated) {
        this(name, department, priority, deduplicated, null);
    }
}
