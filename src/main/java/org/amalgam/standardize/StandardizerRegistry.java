package org.amalgam.standardize;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/**
 * Every standardizer by the name a model uses, with its options. Options are strings, as they come from YAML or JSON;
 * an unknown name, an unknown option or a bad option value is refused with a message that lists what is allowed.
 * Standardizers are immutable, so one instance per name and options is made once and shared.
 */
@Component
public class StandardizerRegistry {

    private record Entry(Set<String> options, Function<Map<String, String>, Standardizer> factory) {}

    private record Key(String name, Map<String, String> options) {}

    private static final Map<String, Entry> ENTRIES = new LinkedHashMap<>();

    static {
        register("text", Set.of(), options -> new TextStandardizer());
        register(
                "case",
                Set.of("mode"),
                options -> new CaseStandardizer(CaseStandardizer.Mode.of(required(options, "case", "mode"))));
        register("email", Set.of(), options -> new EmailStandardizer());
        register(
                "phone",
                Set.of("region", "extension"),
                options -> new PhoneStandardizer(
                        options.get("region"),
                        PhoneStandardizer.Extension.of(options.getOrDefault("extension", "drop"))));
        register(
                "date",
                Set.of("pattern", "order"),
                options -> new DateStandardizer(
                        options.get("pattern"), DateStandardizer.Order.of(options.getOrDefault("order", "dmy"))));
        register("country", Set.of(), options -> new CountryStandardizer());
        register("postal_code", Set.of("country"), options -> new PostalCodeStandardizer(options.get("country")));
        register("person_name", Set.of(), options -> new PersonNameStandardizer());
        register(
                "legal_form",
                Set.of("part"),
                options -> new LegalFormStandardizer(
                        LegalFormStandardizer.Part.of(options.getOrDefault("part", "whole"))));
        register(
                "gtin",
                Set.of("length"),
                options -> new GtinStandardizer(length(options.getOrDefault("length", "14"))));
        register(
                "number",
                Set.of("decimal"),
                options -> NumberStandardizer.withDecimalSeparator(options.get("decimal")));
        register("money", Set.of("decimal"), options -> MoneyStandardizer.withDecimalSeparator(options.get("decimal")));
        register("currency", Set.of(), options -> new CurrencyStandardizer());
    }

    private final ConcurrentMap<Key, Standardizer> made = new ConcurrentHashMap<>();

    private static void register(
            String name, Set<String> options, Function<Map<String, String>, Standardizer> factory) {
        ENTRIES.put(name, new Entry(options, factory));
    }

    /** The names a model may use, in a stable order. */
    public List<String> names() {
        return List.copyOf(ENTRIES.keySet());
    }

    /** The options the named standardizer takes. */
    public Set<String> options(String name) {
        return entry(name).options();
    }

    /** The named standardizer with default options. */
    public Standardizer get(String name) {
        return get(name, Map.of());
    }

    /**
     * The named standardizer with its options.
     *
     * @param options option name to value; null counts as none
     * @throws IllegalArgumentException for an unknown name, option or option value
     */
    public Standardizer get(String name, Map<String, String> options) {
        Map<String, String> given = options == null ? Map.of() : Map.copyOf(options);
        Entry entry = entry(name);
        for (String option : given.keySet()) {
            if (!entry.options().contains(option)) {
                throw new IllegalArgumentException("standardizer '" + name + "' has no option '" + option + "'"
                        + (entry.options().isEmpty()
                                ? ""
                                : "; its options are "
                                        + String.join(
                                                ", ",
                                                entry.options().stream()
                                                        .sorted()
                                                        .toList())));
            }
        }
        return made.computeIfAbsent(new Key(name, given), key -> entry.factory().apply(key.options()));
    }

    /** The named standardizers applied in turn, each with default options. */
    public Standardizer chain(List<String> names) {
        return new StandardizerChain(names.stream().map(this::get).toList());
    }

    private static Entry entry(String name) {
        Entry entry = name == null ? null : ENTRIES.get(name);
        if (entry == null) {
            throw new IllegalArgumentException(
                    "unknown standardizer '" + name + "'; known: " + String.join(", ", ENTRIES.keySet()));
        }
        return entry;
    }

    private static String required(Map<String, String> options, String name, String option) {
        String value = options.get(option);
        if (value == null) {
            throw new IllegalArgumentException("standardizer '" + name + "' needs the option '" + option + "'");
        }
        return value;
    }

    private static int length(String length) {
        try {
            return Integer.parseInt(length.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("GTIN length '" + length + "' is not one of 13, 14");
        }
    }
}
