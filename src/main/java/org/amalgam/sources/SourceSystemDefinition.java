package org.amalgam.sources;

/**
 * What a caller says about a source system when creating or updating it.
 *
 * @param name a readable name, e.g. "Sales CRM"
 * @param department the department that owns the system
 * @param priority trust ranking: lower is more trusted; defaults to 100
 * @param deduplicated true when each of its keys is a distinct entity (no duplicates inside this source)
 */
public record SourceSystemDefinition(String name, String department, Integer priority, Boolean deduplicated) {}
