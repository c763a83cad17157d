/**
 * Standardizers: small named rules that turn what a source sent into one comparable form (trimmed text, E.164 phone
 * numbers, ISO dates and countries, canonical legal forms ...), and say when a value is not valid for its attribute.
 * {@link org.amalgam.standardize.Standardizers} picks the default chain for a data type; {@link
 * org.amalgam.standardize.StandardizerRegistry} gives any standardizer by the name a model uses.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Standardize")
package org.amalgam.standardize;
