/**
 * The model: entity types (person, organization, product and any configured ones) with their attributes; later
 * also their standardizers, validation, match rules and survivorship, versioned together.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Model")
package org.amalgam.model;
