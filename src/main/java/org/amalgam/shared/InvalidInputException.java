package org.amalgam.shared;

import java.util.List;

/** The caller sent something we cannot accept; the message and the field errors say what to fix. */
public class InvalidInputException extends RuntimeException {

    private final List<FieldError> errors;

    public InvalidInputException(String message) {
        this(message, List.of());
    }

    public InvalidInputException(String message, List<FieldError> errors) {
        super(message);
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }

    /** One field that is wrong, and why; {@code line} where the input was a document with lines (else null). */
    public record FieldError(String field, String message, Integer line) {

        public FieldError(String field, String message) {
            this(field, message, null);
        }
    }
}
