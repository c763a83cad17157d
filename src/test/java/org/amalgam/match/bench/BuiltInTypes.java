package org.amalgam.match.bench;

import java.util.List;
import org.amalgam.model.AttributeDefinition;

/** The attributes of the built-in entity types, as migration V002 creates them. */
public final class BuiltInTypes {

    public static final List<AttributeDefinition> PERSON = List.of(
            attribute("first_name", "name"),
            attribute("middle_name", "name"),
            attribute("last_name", "name"),
            attribute("birth_date", "date"),
            attribute("gender", "enum"),
            attribute("email", "email"),
            attribute("phone", "phone"),
            attribute("street", "address"),
            attribute("house_number", "address"),
            attribute("postal_code", "address"),
            attribute("city", "address"),
            attribute("state", "address"),
            attribute("country", "country"),
            attribute("national_id", "identifier"));

    public static final List<AttributeDefinition> ORGANIZATION = List.of(
            attribute("name", "text"),
            attribute("legal_form", "text"),
            attribute("registration_number", "identifier"),
            attribute("vat_id", "identifier"),
            attribute("email", "email"),
            attribute("phone", "phone"),
            attribute("website", "text"),
            attribute("street", "address"),
            attribute("postal_code", "address"),
            attribute("city", "address"),
            attribute("state", "address"),
            attribute("country", "country"));

    public static final List<AttributeDefinition> PRODUCT = List.of(
            attribute("name", "text"),
            attribute("brand", "text"),
            attribute("manufacturer", "text"),
            attribute("sku", "identifier"),
            attribute("gtin", "identifier"),
            attribute("category", "text"),
            attribute("price", "money"),
            attribute("currency", "enum"),
            attribute("description", "text"));

    private BuiltInTypes() {}

    public static AttributeDefinition attribute(String name, String type) {
        return new AttributeDefinition(name, type, false, false);
    }
}
