package org.amalgam.standardize;

/**
 * An organization's name split from its legal form: {@code Acme Widgets Ltd} is {@code Acme Widgets} and {@code Ltd.}.
 *
 * @param name the name without the legal form; null when the value was nothing but a legal form
 * @param legalForm the canonical legal form ({@code GmbH}, {@code Inc.} ...), or null when none was recognised
 */
public record OrganizationName(String name, String legalForm) {}
