package org.amalgam.bench;

/** What an attribute holds, which decides how a source writes it. */
enum Kind {
    FIRST_NAME,
    MIDDLE_NAME,
    LAST_NAME,
    DATE,
    GENDER,
    EMAIL,
    PHONE,
    STREET,
    HOUSE_NUMBER,
    POSTAL_CODE,
    CITY,
    STATE,
    COUNTRY,
    IDENTIFIER,
    ORGANIZATION_NAME,
    LEGAL_FORM,
    WEBSITE
}
