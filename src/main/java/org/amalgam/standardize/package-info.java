/**
 * Standardizers: small named rules that turn what a source sent into one comparable form (trimmed text, lower-case
 * email, ISO dates ...), and say when a value is not valid for its attribute.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Standardize")
package org.amalgam.standardize;
