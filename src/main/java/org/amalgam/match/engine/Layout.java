package org.amalgam.match.engine;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where a {@link PreparedRecord} keeps what comparisons and blocking keys need, derived once from the settings. A
 * prepared record holds one {@code char[]} (the offsets of every attribute's normalized value, then the values) and
 * one {@code int[]} (per attribute the precomputed features below, then the token hashes), so a million records take
 * a few hundred bytes each and scoring reads arrays only.
 */
final class Layout {

    /** A feature precomputed for an attribute. */
    enum Feature {
        /** Double Metaphone primary and alternate codes, packed into ints. */
        METAPHONE(2),
        /** the date as yyyymmdd and as days since 1970-01-01 (0 and Integer.MIN_VALUE when not a date) */
        DATE(2),
        /** the number's double bits */
        NUMBER(2),
        /** start and end of the sorted token hashes in the int array's tail */
        TOKENS(2);

        final int width;

        Feature(int width) {
            this.width = width;
        }
    }

    /** One attribute that comparisons or keys read. */
    static final class Slot {
        final int index;
        final String attribute;
        final String dataType;
        final ValueNormalizer normalizer;
        final int[] featurePosition = new int[Feature.values().length];

        Slot(int index, String attribute, String dataType) {
            this.index = index;
            this.attribute = attribute;
            this.dataType = dataType;
            this.normalizer = ValueNormalizer.forDataType(dataType);
            java.util.Arrays.fill(featurePosition, -1);
        }

        int position(Feature feature) {
            return featurePosition[feature.ordinal()];
        }
    }

    final MatchSettings settings;
    final List<Slot> slots;
    final Map<String, Slot> byAttribute;
    /** the size of the fixed part of the int array */
    final int fixedInts;
    /** per comparison, the slot of its attribute */
    final int[] comparisonSlots;

    Layout(MatchSettings settings) {
        this.settings = settings;
        Map<String, Set<Feature>> needs = new LinkedHashMap<>();
        for (ComparisonDefinition comparison : settings.comparisons()) {
            Set<Feature> features = needs.computeIfAbsent(comparison.attribute(), a -> EnumSet.noneOf(Feature.class));
            if (comparison.swappedWith() != null) {
                needs.computeIfAbsent(comparison.swappedWith(), a -> EnumSet.noneOf(Feature.class));
            }
            for (LevelDefinition level : comparison.levels()) {
                switch (level.kind()) {
                    case DOUBLE_METAPHONE -> features.add(Feature.METAPHONE);
                    case JACCARD, OVERLAP, TOKEN_SUBSET -> features.add(Feature.TOKENS);
                    case TRANSPOSED_DAY_MONTH, ONE_DIGIT, SAME_YEAR, WITHIN_YEARS, WITHIN_DAYS ->
                        features.add(Feature.DATE);
                    case ABSOLUTE, RELATIVE -> features.add(Feature.NUMBER);
                    default -> {}
                }
            }
        }
        for (BlockingKeyDefinition key : settings.blockingKeys()) {
            for (String attribute : key.attributes()) {
                needs.computeIfAbsent(attribute, a -> EnumSet.noneOf(Feature.class));
            }
        }
        List<Slot> list = new ArrayList<>();
        Map<String, Slot> map = new LinkedHashMap<>();
        int position = 0;
        for (Map.Entry<String, Set<Feature>> need : needs.entrySet()) {
            Slot slot = new Slot(
                    list.size(), need.getKey(), settings.attributeTypes().get(need.getKey()));
            for (Feature feature : need.getValue()) {
                slot.featurePosition[feature.ordinal()] = position;
                position += feature.width;
            }
            list.add(slot);
            map.put(slot.attribute, slot);
        }
        this.slots = List.copyOf(list);
        this.byAttribute = map;
        this.fixedInts = position;
        this.comparisonSlots = settings.comparisons().stream()
                .mapToInt(c -> map.get(c.attribute()).index)
                .toArray();
    }

    /** Whether records prepared for the other layout are prepared alike (thresholds and clustering do not count). */
    boolean preparesLike(Layout other) {
        MatchSettings a = settings;
        MatchSettings b = other.settings;
        return a.attributeTypes().equals(b.attributeTypes())
                && a.comparisons().equals(b.comparisons())
                && a.blockingKeys().equals(b.blockingKeys());
    }

    Slot slot(String attribute) {
        Slot slot = byAttribute.get(attribute);
        if (slot == null) {
            throw new IllegalArgumentException("'" + attribute + "' is not read by these match settings");
        }
        return slot;
    }
}
