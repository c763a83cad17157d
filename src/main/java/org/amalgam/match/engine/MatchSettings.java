package org.amalgam.match.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.amalgam.model.AttributeDefinition;

/**
 * The match settings of an entity type, as its model's {@code match} section writes them (docs/matching.md):
 * blocking keys, comparisons with their levels, thresholds and the clustering rule. Immutable and thread-safe.
 *
 * <p>{@link #parse} reads a section and names every problem with its path; {@link #defaults} gives sensible settings
 * for the built-in types and, from the data types, for any other; {@link #toDocument} writes the settings back.
 */
public final class MatchSettings {

    /** The largest block whose pairs are all compared, unless the settings say otherwise. */
    public static final int DEFAULT_BLOCK_CAP = 300;

    /** In a block larger than the cap, each record is compared with this many neighbours in sorted order. */
    public static final int DEFAULT_WINDOW = 10;

    /** Shares below this are clamped when weighing by term frequency. */
    public static final double DEFAULT_TERM_FREQUENCY_MINIMUM = 0.0001;

    /** A comparison vector is packed into 64 bits: at most 16 comparisons of at most 16 levels. */
    public static final int MAX_COMPARISONS = 16;

    public static final int MAX_LEVELS = 16;

    public static final int MAX_BLOCKING_KEYS = 64;

    private final Map<String, String> attributeTypes;
    private final List<BlockingKeyDefinition> blockingKeys;
    private final int blockCap;
    private final int window;
    private final List<ComparisonDefinition> comparisons;
    private final Thresholds thresholds;
    private final double termFrequencyMinimum;
    private final ClusteringSettings clustering;

    /**
     * Settings from their parts; {@link #parse} and {@link #defaults} are the usual ways to get them.
     *
     * @param attributes the entity type's attributes (their data types decide how values are normalized)
     * @throws IllegalArgumentException if the parts do not fit together (the problems are in the message)
     */
    public MatchSettings(
            List<AttributeDefinition> attributes,
            List<BlockingKeyDefinition> blockingKeys,
            int blockCap,
            int window,
            List<ComparisonDefinition> comparisons,
            Thresholds thresholds,
            double termFrequencyMinimum,
            ClusteringSettings clustering) {
        Map<String, String> types = new LinkedHashMap<>();
        for (AttributeDefinition attribute : attributes) {
            types.put(attribute.name(), attribute.type());
        }
        this.attributeTypes = Collections.unmodifiableMap(types);
        this.blockingKeys = List.copyOf(blockingKeys);
        this.blockCap = blockCap;
        this.window = window;
        this.comparisons = List.copyOf(comparisons);
        this.thresholds = thresholds;
        this.termFrequencyMinimum = termFrequencyMinimum;
        this.clustering = clustering == null ? ClusteringSettings.DEFAULT : clustering;
        List<SettingsProblem> problems = SettingsParser.check(this);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid match settings: " + problems);
        }
    }

    /** The result of {@link #parse}: the settings, or the problems that stand in the way. */
    public record Parsed(MatchSettings settings, List<SettingsProblem> problems) {

        public Parsed {
            problems = List.copyOf(problems);
        }

        public boolean valid() {
            return settings != null;
        }

        public Optional<MatchSettings> asOptional() {
            return Optional.ofNullable(settings);
        }

        /** The settings, or an {@link IllegalArgumentException} listing every problem. */
        public MatchSettings orElseThrow() {
            if (settings == null) {
                throw new IllegalArgumentException("invalid match settings: " + problems);
            }
            return settings;
        }
    }

    /**
     * Reads a model document's {@code match} section. Paths in the problems start with {@code /match}.
     *
     * @param section the section as YAML or JSON parsed it (maps, lists, strings, numbers, booleans)
     * @param attributes the entity type's attributes
     */
    public static Parsed parse(Map<String, Object> section, List<AttributeDefinition> attributes) {
        return SettingsParser.parse(section, attributes);
    }

    /**
     * Checks a model document's {@code match} section without keeping the settings: the entry point for the model's
     * validator. A missing or empty section is valid (it means the defaults). Each problem has a JSON pointer from the
     * document's root ({@link SettingsProblem#path()}, e.g. {@code /match/comparisons/2/levels/1}, for finding its
     * line) and the same place as a field name ({@link SettingsProblem#field()}, {@code
     * match.comparisons[2].levels[1]}).
     *
     * @param section the section as YAML or JSON parsed it (maps, lists, strings, numbers, booleans), or null
     * @param attributes the entity type's attributes as the document defines them
     * @return the problems, empty when the section is valid
     */
    public static List<SettingsProblem> validate(Object section, List<AttributeDefinition> attributes) {
        if (section == null) {
            return List.of();
        }
        if (!(section instanceof Map<?, ?> map)) {
            return List.of(new SettingsProblem(
                    "/match", "must be an object with 'blocking' and 'comparisons', or {} for the defaults"));
        }
        if (map.isEmpty()) {
            return List.of();
        }
        Map<String, Object> typed = new LinkedHashMap<>();
        map.forEach((key, value) -> typed.put(String.valueOf(key), value));
        return parse(typed, attributes).problems();
    }

    /**
     * The section when it has content, else {@link #defaults}: today's models have {@code match: {}}.
     */
    public static Parsed parseOrDefaults(
            String typeCode, Map<String, Object> section, List<AttributeDefinition> attributes) {
        if (section == null || section.isEmpty()) {
            return new Parsed(defaults(typeCode, attributes), List.of());
        }
        return parse(section, attributes);
    }

    /**
     * Sensible settings: tuned ones for the built-in {@code person}, {@code organization} and {@code product} (for
     * the attributes they have), and for any other type settings made from the attributes' data types.
     */
    public static MatchSettings defaults(String typeCode, List<AttributeDefinition> attributes) {
        return SettingsDefaults.defaults(typeCode, attributes);
    }

    /** The settings as a {@code match} section: maps, lists, strings and numbers, ready for YAML or JSON. */
    public Map<String, Object> toDocument() {
        Map<String, Object> document = new LinkedHashMap<>();
        Map<String, Object> thresholdsDocument = new LinkedHashMap<>();
        thresholdsDocument.put("same", thresholds.same());
        thresholdsDocument.put("possible", thresholds.possible());
        document.put("thresholds", thresholdsDocument);
        Map<String, Object> blocking = new LinkedHashMap<>();
        blocking.put("cap", blockCap);
        blocking.put("window", window);
        List<Object> keys = new ArrayList<>();
        for (BlockingKeyDefinition key : blockingKeys) {
            Map<String, Object> keyDocument = new LinkedHashMap<>();
            keyDocument.put("name", key.name());
            keyDocument.put(
                    "parts", key.parts().stream().map(BlockingPart::toString).toList());
            if (key.unordered()) {
                keyDocument.put("unordered", true);
            }
            if (!key.split().isEmpty()) {
                keyDocument.put(
                        "split",
                        key.split().stream().map(BlockingPart::toString).toList());
            }
            if (key.cap() > 0) {
                keyDocument.put("cap", key.cap());
            }
            if (key.window() >= 0) {
                keyDocument.put("window", key.window());
            }
            keys.add(keyDocument);
        }
        blocking.put("keys", keys);
        document.put("blocking", blocking);
        List<Object> comparisonDocuments = new ArrayList<>();
        for (ComparisonDefinition comparison : comparisons) {
            Map<String, Object> comparisonDocument = new LinkedHashMap<>();
            comparisonDocument.put("name", comparison.name());
            comparisonDocument.put("attribute", comparison.attribute());
            if (comparison.swappedWith() != null) {
                comparisonDocument.put("swappedWith", comparison.swappedWith());
            }
            if (comparison.termFrequency()) {
                comparisonDocument.put("termFrequency", true);
            }
            comparisonDocument.put(
                    "levels",
                    comparison.levels().stream()
                            .map(LevelDefinition::toDocument)
                            .toList());
            comparisonDocuments.add(comparisonDocument);
        }
        document.put("comparisons", comparisonDocuments);
        document.put("termFrequencyMinimum", termFrequencyMinimum);
        Map<String, Object> clusteringDocument = new LinkedHashMap<>();
        clusteringDocument.put("agreement", clustering.agreement());
        clusteringDocument.put("contradiction", LevelDefinition.documentNumber(clustering.contradiction()));
        document.put("clustering", clusteringDocument);
        return document;
    }

    /** Attribute name → data type, in the model's order. */
    public Map<String, String> attributeTypes() {
        return attributeTypes;
    }

    public List<BlockingKeyDefinition> blockingKeys() {
        return blockingKeys;
    }

    public int blockCap() {
        return blockCap;
    }

    /** The window of one key: its own, else the settings'. */
    public int window(BlockingKeyDefinition key) {
        return key.window() >= 0 ? key.window() : window;
    }

    /** The block cap of one key: its own, else the settings'. */
    public int blockCap(BlockingKeyDefinition key) {
        return key.cap() > 0 ? key.cap() : blockCap;
    }

    public int window() {
        return window;
    }

    public List<ComparisonDefinition> comparisons() {
        return comparisons;
    }

    public Thresholds thresholds() {
        return thresholds;
    }

    public double termFrequencyMinimum() {
        return termFrequencyMinimum;
    }

    public ClusteringSettings clustering() {
        return clustering;
    }

    /** These settings with other thresholds. */
    public MatchSettings withThresholds(Thresholds other) {
        return new MatchSettings(
                attributeDefinitions(),
                blockingKeys,
                blockCap,
                window,
                comparisons,
                other,
                termFrequencyMinimum,
                clustering);
    }

    /** These settings with another clustering rule. */
    public MatchSettings withClustering(ClusteringSettings other) {
        return new MatchSettings(
                attributeDefinitions(),
                blockingKeys,
                blockCap,
                window,
                comparisons,
                thresholds,
                termFrequencyMinimum,
                other);
    }

    /** These settings with other blocking keys. */
    public MatchSettings withBlockingKeys(List<BlockingKeyDefinition> keys, int cap) {
        return new MatchSettings(
                attributeDefinitions(), keys, cap, window, comparisons, thresholds, termFrequencyMinimum, clustering);
    }

    private List<AttributeDefinition> attributeDefinitions() {
        return attributeTypes.entrySet().stream()
                .map(e -> new AttributeDefinition(e.getKey(), e.getValue(), false, false))
                .toList();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MatchSettings that
                && attributeTypes.equals(that.attributeTypes)
                && toDocument().equals(that.toDocument());
    }

    @Override
    public int hashCode() {
        return toDocument().hashCode();
    }

    @Override
    public String toString() {
        return "MatchSettings" + toDocument();
    }
}
