package org.amalgam.model;

import java.util.List;
import java.util.Map;

/**
 * One attribute of an entity type.
 *
 * @param name the attribute's name in snake_case, as in API.md
 * @param type its data type (text, name, date, email, phone, address, country, identifier, number, money, enum)
 * @param required whether a record without it is rejected
 * @param summary whether lists and search results show it
 * @param standardizers the named standardizers applied in order; empty for the data type's default chain
 * @param validation the rules a standardized value must meet
 * @param conflictSensitive whether live sources that disagree on it open a CONFLICT review task
 */
public record AttributeDefinition(
        String name,
        String type,
        boolean required,
        boolean summary,
        List<String> standardizers,
        Validation validation,
        boolean conflictSensitive) {

    public AttributeDefinition {
        standardizers = standardizers == null ? List.of() : List.copyOf(standardizers);
        validation = validation == null ? Validation.NONE : validation;
    }

    public AttributeDefinition(
            String name,
            String type,
            boolean required,
            boolean summary,
            List<String> standardizers,
            Validation validation) {
        this(name, type, required, summary, standardizers, validation, false);
    }

    public AttributeDefinition(String name, String type, boolean required, boolean summary) {
        this(name, type, required, summary, List.of(), Validation.NONE, false);
    }

    /** An attribute as a model document writes it (maps, lists, strings, numbers, booleans); its type defaults to text. */
    @SuppressWarnings("unchecked")
    public static AttributeDefinition fromDocument(Map<String, Object> attribute) {
        return new AttributeDefinition(
                (String) attribute.get("name"),
                (String) attribute.getOrDefault("type", "text"),
                Boolean.TRUE.equals(attribute.get("required")),
                Boolean.TRUE.equals(attribute.get("summary")),
                attribute.get("standardizers") instanceof List<?> chain
                        ? chain.stream().map(String::valueOf).toList()
                        : List.of(),
                Validation.fromDocument((Map<String, Object>) attribute.get("validation")),
                Boolean.TRUE.equals(attribute.get("conflictSensitive")));
    }

    /**
     * Rules for a standardized value. {@code onInvalid} says what a value that breaks them does: {@code flag} (the
     * default: the value is left out of the standardized record, kept in the raw payload and flagged) or
     * {@code reject} (the whole row is rejected).
     */
    public record Validation(
            String pattern,
            Integer minLength,
            Integer maxLength,
            List<String> values,
            String min,
            String max,
            String onInvalid) {

        public static final Validation NONE = new Validation(null, null, null, List.of(), null, null, "flag");

        public Validation {
            values = values == null ? List.of() : List.copyOf(values);
            onInvalid = onInvalid == null ? "flag" : onInvalid;
        }

        /** The rules as a model document writes them; {@link #NONE} for null. */
        public static Validation fromDocument(Map<String, Object> rules) {
            if (rules == null) {
                return NONE;
            }
            return new Validation(
                    (String) rules.get("pattern"),
                    rules.get("minLength") instanceof Number n ? n.intValue() : null,
                    rules.get("maxLength") instanceof Number n ? n.intValue() : null,
                    rules.get("values") instanceof List<?> values
                            ? values.stream().map(String::valueOf).toList()
                            : List.of(),
                    rules.get("min") == null ? null : String.valueOf(rules.get("min")),
                    rules.get("max") == null ? null : String.valueOf(rules.get("max")),
                    (String) rules.get("onInvalid"));
        }

        public boolean rejects() {
            return "reject".equals(onInvalid);
        }

        public boolean isEmpty() {
            return pattern == null
                    && minLength == null
                    && maxLength == null
                    && values.isEmpty()
                    && min == null
                    && max == null;
        }

        /**
         * What is wrong with a standardized value, or null when it meets every rule. {@code min} and {@code max}
         * compare numbers as numbers and everything else (ISO dates) as text.
         */
        public String problem(String value) {
            if (value == null || isEmpty()) {
                return null;
            }
            if (minLength != null && value.length() < minLength) {
                return "'" + value + "' is shorter than " + minLength + " characters";
            }
            if (maxLength != null && value.length() > maxLength) {
                return "the value is longer than " + maxLength + " characters";
            }
            if (pattern != null
                    && !PATTERNS.computeIfAbsent(pattern, java.util.regex.Pattern::compile)
                            .matcher(value)
                            .matches()) {
                return "'" + value + "' does not have the expected form";
            }
            if (!values.isEmpty() && !values.contains(value)) {
                return "'" + value + "' is not one of " + String.join(", ", values);
            }
            if (min != null && compare(value, min) < 0) {
                return "'" + value + "' is below the minimum " + min;
            }
            if (max != null && compare(value, max) > 0) {
                return "'" + value + "' is above the maximum " + max;
            }
            return null;
        }

        private static int compare(String value, String bound) {
            try {
                return new java.math.BigDecimal(value).compareTo(new java.math.BigDecimal(bound));
            } catch (NumberFormatException e) {
                return value.compareTo(bound);
            }
        }

        private static final java.util.Map<String, java.util.regex.Pattern> PATTERNS =
                new java.util.concurrent.ConcurrentHashMap<>();
    }
}
