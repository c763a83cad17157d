package org.amalgam.standardize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one check every standardizer table makes: this value, or no value and an issue that says this and names the value
 * as it was given, so a steward can tell which value it is about.
 */
final class StandardizedAssertions {

    private StandardizedAssertions() {}

    /**
     * @param value the expected standard form, or null
     * @param issue a part of the expected issue, or null for none
     */
    static void assertStandardized(Standardized result, String value, String issue) {
        assertThat(result.value()).as("value").isEqualTo(value);
        if (issue == null) {
            assertThat(result.issue()).as("issue").isNull();
        } else {
            assertThat(result.issue()).as("issue").contains(issue);
        }
    }

    static void assertStandardized(Standardized result, String input, String value, String issue) {
        assertStandardized(result, value, issue);
        if (issue != null) {
            assertThat(result.issue()).as("issue names the value").contains("'" + input.strip() + "'");
        }
    }
}
