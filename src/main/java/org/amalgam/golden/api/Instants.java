package org.amalgam.golden.api;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.amalgam.shared.InvalidInputException;

/** Reads an instant a person types: an ISO instant or date-time with offset, or a date (its start in UTC). */
final class Instants {

    private Instants() {}

    static Instant parse(String text, String field) {
        String value = text.strip();
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException notDateTime) {
            try {
                return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException notDate) {
                throw new InvalidInputException(
                        field + " must be an ISO instant such as 2026-03-01T12:00:00Z or a date such as 2026-03-01, not"
                                + " '" + value + "'",
                        List.of(new InvalidInputException.FieldError(field, "is not an instant or a date")));
            }
        }
    }
}
