package org.amalgam.model;

/**
 * One attribute of an entity type.
 *
 * @param name the attribute's name in snake_case, as in API.md
 * @param type its data type (text, name, date, email, phone, address, country, identifier, number, money, enum)
 * @param required whether a record without it is rejected
 * @param summary whether lists and search results show it
 */
public record AttributeDefinition(String name, String type, boolean required, boolean summary) {}
