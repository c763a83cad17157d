package org.amalgam.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The survivorship section of a model: for each attribute, the chain of named rules that picks its golden value. The
 * first rule of a chain keeps the best candidates, each further rule breaks the ties left; the source code and key
 * break any tie at the end, so the result never depends on the order records come in.
 *
 * @param defaultChain the chain of every attribute the section does not name
 * @param attributes the chains of single attributes, by attribute name
 */
public record SurvivorshipSettings(Chain defaultChain, Map<String, Chain> attributes) {

    /** The names a chain may use; the golden module has one rule class for each. */
    public static final List<String> RULES =
            List.of("source_priority", "most_recent", "most_frequent", "most_complete", "longest", "first_non_empty");

    /** The rules that take a {@code sources} list. */
    public static final List<String> RULES_WITH_SOURCES = List.of("source_priority", "first_non_empty");

    public static final Chain DEFAULT_CHAIN = new Chain(List.of("source_priority", "most_recent"), List.of());

    /** What a model without a survivorship section gets: source priority, then most recent. */
    public static final SurvivorshipSettings DEFAULT = new SurvivorshipSettings(DEFAULT_CHAIN, Map.of());

    public SurvivorshipSettings {
        defaultChain = defaultChain == null ? DEFAULT_CHAIN : defaultChain;
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }

    public Chain chainFor(String attribute) {
        return attributes.getOrDefault(attribute, defaultChain);
    }

    /**
     * A chain of rules.
     *
     * @param rules rule names from {@link #RULES}, in order
     * @param sources source codes, most trusted first, for {@code source_priority} and {@code first_non_empty}; empty
     *     for the sources' own priorities
     */
    public record Chain(List<String> rules, List<String> sources) {

        public Chain {
            rules = rules == null ? List.of() : List.copyOf(rules);
            sources = sources == null ? List.of() : List.copyOf(sources);
        }

        /** How lineage names the chain, e.g. {@code source priority, then most recent}. */
        public String describe() {
            List<String> parts = new ArrayList<>();
            for (String rule : rules) {
                String text = rule.replace('_', ' ');
                if (!sources.isEmpty() && RULES_WITH_SOURCES.contains(rule)) {
                    text += " (" + String.join(", ", sources) + ")";
                }
                parts.add(text);
            }
            return String.join(", then ", parts);
        }
    }

    /** Reads a section that the model validator accepted; null or empty gives {@link #DEFAULT}. */
    public static SurvivorshipSettings of(Object section) {
        if (!(section instanceof Map<?, ?> map) || map.isEmpty()) {
            return DEFAULT;
        }
        Chain defaultChain = map.get("default") == null ? DEFAULT_CHAIN : chain(map.get("default"));
        Map<String, Chain> attributes = new LinkedHashMap<>();
        if (map.get("attributes") instanceof Map<?, ?> byAttribute) {
            byAttribute.forEach((name, chain) -> attributes.put(String.valueOf(name), chain(chain)));
        }
        return new SurvivorshipSettings(defaultChain, attributes);
    }

    private static Chain chain(Object value) {
        if (value instanceof Map<?, ?> map) {
            Object rules = map.containsKey("rules") ? map.get("rules") : map.get("rule");
            return new Chain(names(rules), names(map.get("sources")));
        }
        return new Chain(names(value), List.of());
    }

    private static List<String> names(Object value) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return List.of(String.valueOf(value));
    }
}
