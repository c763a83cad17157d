package org.amalgam.match.engine;

import static org.amalgam.match.engine.BlockingFunction.DOUBLE_METAPHONE;
import static org.amalgam.match.engine.BlockingFunction.EXACT;
import static org.amalgam.match.engine.BlockingFunction.PREFIX;
import static org.amalgam.match.engine.BlockingFunction.TOKENS;
import static org.amalgam.match.engine.BlockingFunction.YEAR;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.amalgam.model.AttributeDefinition;

/**
 * Default settings: tuned ones for the built-in types (measured on public benchmarks, see docs/matching.md) and ones
 * made from the data types for any other type. Comparisons and keys on attributes a type does not have are left out,
 * so a changed built-in type still gets valid defaults.
 */
final class SettingsDefaults {

    static final double SAME = 0.9;
    static final double POSSIBLE = 0.5;

    /**
     * Persons: SAME at 0.8. Measured on Febrl, Splink fake_1000 and historical_50k, 0.8 joins more true pairs at no
     * visible cost in precision, because the clustering rule still checks the whole group (docs/matching.md).
     */
    static final double PERSON_SAME = 0.8;

    /**
     * Persons: a group joins when its cross pairs average a match probability of 0.05. Persons' records are often
     * thin (a name and a birth date), so a member's weight near the prior is common and should not veto a join that
     * its other members support; precision on Febrl, fake_1000, historical_50k and the generated million stayed put.
     */
    static final ClusteringSettings PERSON_CLUSTERING = new ClusteringSettings(0.05, -10);

    private SettingsDefaults() {}

    static MatchSettings defaults(String typeCode, List<AttributeDefinition> attributes) {
        Map<String, String> types = new LinkedHashMap<>();
        for (AttributeDefinition attribute : attributes) {
            types.put(attribute.name(), attribute.type());
        }
        Builder builder = new Builder(types);
        switch (typeCode == null ? "" : typeCode) {
            case "person" -> person(builder);
            case "organization" -> organization(builder);
            case "product" -> product(builder);
            default -> {}
        }
        if (builder.comparisons.isEmpty() || builder.keys.isEmpty()) {
            builder = new Builder(types);
            generic(builder);
        }
        return new MatchSettings(
                attributes,
                builder.keys,
                MatchSettings.DEFAULT_BLOCK_CAP,
                MatchSettings.DEFAULT_WINDOW,
                builder.comparisons,
                new Thresholds("person".equals(typeCode) ? PERSON_SAME : SAME, POSSIBLE),
                MatchSettings.DEFAULT_TERM_FREQUENCY_MINIMUM,
                "person".equals(typeCode) ? PERSON_CLUSTERING : ClusteringSettings.DEFAULT);
    }

    private static void person(Builder b) {
        // exact identifiers: nearly every pair they bring is a match
        b.key("national_id", part(EXACT, "national_id"));
        b.key("email", part(EXACT, "email"));
        b.key("phone", part(EXACT, "phone"));
        // sound-alike names, either order; common names are split by birth year
        b.key(new BlockingKeyDefinition(
                "names",
                List.of(part(DOUBLE_METAPHONE, "first_name"), part(DOUBLE_METAPHONE, "last_name")),
                true,
                List.of(part(YEAR, "birth_date")),
                30));
        b.key("last_name_birth_date", part(DOUBLE_METAPHONE, "last_name"), part(EXACT, "birth_date"));
        b.key("first_name_birth_date", part(DOUBLE_METAPHONE, "first_name"), part(EXACT, "birth_date"));
        b.key(new BlockingKeyDefinition(
                "last_name_postal_code",
                List.of(part(DOUBLE_METAPHONE, "last_name"), part(EXACT, "postal_code")),
                false,
                List.of(new BlockingPart(PREFIX, "first_name", 1)),
                30));
        b.key("birth_date_postal_code", part(EXACT, "birth_date"), part(EXACT, "postal_code"));
        // coarse keys for records with several values wrong or missing: all their pairs in small data; in large
        // data only their split blocks, and larger parts are reported, not compared
        b.key(new BlockingKeyDefinition(
                "email_local",
                List.of(part(BlockingFunction.EMAIL_LOCAL, "email")),
                false,
                List.of(part(YEAR, "birth_date")),
                10,
                0));
        b.key(new BlockingKeyDefinition(
                "birth_date",
                List.of(part(EXACT, "birth_date")),
                false,
                List.of(new BlockingPart(PREFIX, "last_name", 1)),
                25,
                0));
        b.key(new BlockingKeyDefinition(
                "last_name",
                List.of(part(DOUBLE_METAPHONE, "last_name")),
                false,
                List.of(part(YEAR, "birth_date")),
                40,
                0));
        b.key(new BlockingKeyDefinition(
                "first_name",
                List.of(part(DOUBLE_METAPHONE, "first_name")),
                false,
                List.of(part(YEAR, "birth_date"), new BlockingPart(PREFIX, "last_name", 1)),
                40,
                0));

        b.compare("first_name", "last_name", true, exact(), swapped(), jw(0.92), subset(), initials(), jw(0.8));
        b.compare("middle_name", null, false, exact(), initials(), jw(0.88));
        b.compare("last_name", "first_name", true, exact(), swapped(), jw(0.92), subset(), jw(0.8));
        b.compare(
                "birth_date",
                null,
                false,
                exact(),
                level(LevelKind.TRANSPOSED_DAY_MONTH),
                level(LevelKind.ONE_DIGIT),
                level(LevelKind.WITHIN_YEARS, 1));
        b.compare("gender", null, false, level(LevelKind.PREFIX, 1));
        b.compare("email", null, false, exact(), level(LevelKind.EMAIL_LOCAL), jw(0.88));
        b.compare("phone", null, false, exact(), level(LevelKind.LEVENSHTEIN, 1));
        b.compare("street", null, false, exact(), jw(0.9), subset());
        b.compare("house_number", null, false, exact());
        b.compare("postal_code", null, false, exact(), level(LevelKind.LEVENSHTEIN, 1), level(LevelKind.PREFIX, 3));
        b.compare("city", null, true, exact(), jw(0.9), subset());
        b.compare("national_id", null, false, exact(), level(LevelKind.DAMERAU_LEVENSHTEIN, 1));
    }

    private static void organization(Builder b) {
        b.key("registration_number", part(EXACT, "registration_number"));
        b.key("vat_id", part(EXACT, "vat_id"));
        b.key("email", part(EXACT, "email"));
        b.key("phone", part(EXACT, "phone"));
        b.key("website", part(EXACT, "website"));
        b.key("name_postal_code", part(DOUBLE_METAPHONE, "name"), part(EXACT, "postal_code"));
        b.key("name_city", new BlockingPart(PREFIX, "name", 5), part(EXACT, "city"));

        b.compare("name", null, false, exact(), jw(0.95), jaccard(0.6), jw(0.85), jaccard(0.3));
        b.compare("legal_form", null, false, exact());
        b.compare("registration_number", null, false, exact(), level(LevelKind.DAMERAU_LEVENSHTEIN, 1));
        b.compare("vat_id", null, false, exact(), level(LevelKind.DAMERAU_LEVENSHTEIN, 1));
        b.compare("email", null, false, exact(), level(LevelKind.EMAIL_LOCAL));
        b.compare("phone", null, false, exact(), level(LevelKind.LEVENSHTEIN, 1));
        b.compare("website", null, false, exact(), jw(0.9));
        b.compare("street", null, false, exact(), jw(0.9), subset());
        b.compare("postal_code", null, false, exact(), level(LevelKind.PREFIX, 3));
        b.compare("city", null, true, exact(), jw(0.9));
        b.compare("country", null, false, exact());
    }

    private static void product(Builder b) {
        b.key("gtin", part(EXACT, "gtin"));
        b.key("sku", part(EXACT, "sku"));
        b.key("brand_name", part(EXACT, "brand"), new BlockingPart(PREFIX, "name", 4));
        b.key(new BlockingKeyDefinition(
                "name_words", List.of(part(TOKENS, "name")), false, List.of(part(EXACT, "brand"))));

        b.compare("name", null, false, exact(), jaccard(0.7), jw(0.9), jaccard(0.4));
        b.compare("brand", null, false, exact(), jw(0.9));
        b.compare("manufacturer", null, false, exact(), jw(0.9));
        b.compare("sku", null, false, exact(), level(LevelKind.DAMERAU_LEVENSHTEIN, 1));
        b.compare("gtin", null, false, exact());
        b.compare("category", null, false, exact(), jaccard(0.5));
        b.compare("price", null, false, level(LevelKind.RELATIVE, 0.05), level(LevelKind.RELATIVE, 0.2));
        b.compare("currency", null, false, exact());
        b.compare("description", null, false, jaccard(0.5), jaccard(0.2));
    }

    /** Settings from the data types alone. */
    private static void generic(Builder b) {
        List<String> names = b.attributes(type -> type.equals("name"));
        List<String> dates = b.attributes(type -> type.equals("date"));
        List<String> texts = b.attributes(type -> type.equals("text"));
        for (String attribute :
                b.attributes(type -> type.equals("identifier") || type.equals("email") || type.equals("phone"))) {
            b.key(attribute, part(EXACT, attribute));
        }
        if (names.size() >= 2) {
            b.key(new BlockingKeyDefinition(
                    "names",
                    List.of(part(DOUBLE_METAPHONE, names.get(0)), part(DOUBLE_METAPHONE, names.get(1))),
                    true,
                    dates.isEmpty() ? List.of() : List.of(part(YEAR, dates.get(0)))));
        }
        if (!names.isEmpty() && !dates.isEmpty()) {
            b.key(names.get(0) + "_" + dates.get(0), part(DOUBLE_METAPHONE, names.get(0)), part(EXACT, dates.get(0)));
        }
        if (!texts.isEmpty()) {
            b.key(new BlockingKeyDefinition(
                    texts.get(0) + "_words",
                    List.of(part(TOKENS, texts.get(0))),
                    false,
                    texts.size() > 1 ? List.of(new BlockingPart(PREFIX, texts.get(1), 3)) : List.of()));
        }
        if (b.keys.isEmpty() && !b.types.isEmpty()) {
            String first = b.types.keySet().iterator().next();
            b.key(first, part(EXACT, first));
        }
        for (Map.Entry<String, String> attribute : b.types.entrySet()) {
            if (b.comparisons.size() == MatchSettings.MAX_COMPARISONS) {
                break;
            }
            String name = attribute.getKey();
            switch (attribute.getValue()) {
                case "name" -> b.compare(name, null, true, exact(), jw(0.92), initials(), jw(0.8));
                case "text" -> b.compare(name, null, false, exact(), jaccard(0.7), jw(0.9), jaccard(0.4));
                case "date" ->
                    b.compare(
                            name,
                            null,
                            false,
                            exact(),
                            level(LevelKind.TRANSPOSED_DAY_MONTH),
                            level(LevelKind.ONE_DIGIT),
                            level(LevelKind.WITHIN_YEARS, 1));
                case "email" -> b.compare(name, null, false, exact(), level(LevelKind.EMAIL_LOCAL));
                case "phone" -> b.compare(name, null, false, exact(), level(LevelKind.LEVENSHTEIN, 1));
                case "address" -> b.compare(name, null, false, exact(), jw(0.9));
                case "identifier" -> b.compare(name, null, false, exact(), level(LevelKind.DAMERAU_LEVENSHTEIN, 1));
                case "number", "money" ->
                    b.compare(name, null, false, level(LevelKind.RELATIVE, 0.01), level(LevelKind.RELATIVE, 0.1));
                default -> b.compare(name, null, false, exact());
            }
        }
    }

    private static BlockingPart part(BlockingFunction function, String attribute) {
        return BlockingPart.of(function, attribute);
    }

    private static LevelDefinition exact() {
        return LevelDefinition.of(LevelKind.EXACT);
    }

    private static LevelDefinition swapped() {
        return LevelDefinition.of(LevelKind.SWAPPED);
    }

    private static LevelDefinition subset() {
        return LevelDefinition.of(LevelKind.TOKEN_SUBSET);
    }

    private static LevelDefinition initials() {
        return LevelDefinition.of(LevelKind.INITIALS);
    }

    private static LevelDefinition jw(double threshold) {
        return LevelDefinition.of(LevelKind.JARO_WINKLER, threshold);
    }

    private static LevelDefinition jaccard(double threshold) {
        return LevelDefinition.of(LevelKind.JACCARD, threshold);
    }

    private static LevelDefinition level(LevelKind kind) {
        return LevelDefinition.of(kind);
    }

    private static LevelDefinition level(LevelKind kind, double argument) {
        return LevelDefinition.of(kind, argument);
    }

    /** Collects keys and comparisons, leaving out those on attributes the type lacks. */
    private static final class Builder {
        final Map<String, String> types;
        final List<BlockingKeyDefinition> keys = new ArrayList<>();
        final List<ComparisonDefinition> comparisons = new ArrayList<>();

        Builder(Map<String, String> types) {
            this.types = types;
        }

        List<String> attributes(Predicate<String> type) {
            return types.entrySet().stream()
                    .filter(e -> type.test(e.getValue()))
                    .map(Map.Entry::getKey)
                    .toList();
        }

        void key(String name, BlockingPart... parts) {
            key(new BlockingKeyDefinition(name, List.of(parts), false, List.of()));
        }

        void key(BlockingKeyDefinition key) {
            if (keys.size() >= MatchSettings.MAX_BLOCKING_KEYS) {
                return;
            }
            for (BlockingPart part : key.parts()) {
                String type = types.get(part.attribute());
                if (type == null || !part.function().accepts(type)) {
                    return;
                }
            }
            List<BlockingPart> split = key.split().stream()
                    .filter(p ->
                            types.containsKey(p.attribute()) && p.function().accepts(types.get(p.attribute())))
                    .toList();
            keys.add(new BlockingKeyDefinition(
                    key.name(), key.parts(), key.unordered(), split, key.cap(), key.window()));
        }

        void compare(String attribute, String swappedWith, boolean termFrequency, LevelDefinition... levels) {
            String type = types.get(attribute);
            if (type == null || comparisons.size() >= MatchSettings.MAX_COMPARISONS) {
                return;
            }
            List<LevelDefinition> all = new ArrayList<>();
            all.add(LevelDefinition.of(LevelKind.MISSING));
            boolean swap = swappedWith != null && types.containsKey(swappedWith);
            for (LevelDefinition level : levels) {
                if ((level.kind() != LevelKind.SWAPPED || swap) && level.kind().accepts(type)) {
                    all.add(level);
                }
            }
            all.add(LevelDefinition.of(LevelKind.ELSE));
            if (all.size() < 3) {
                return;
            }
            boolean tf = termFrequency && all.stream().anyMatch(l -> l.kind() == LevelKind.EXACT);
            comparisons.add(new ComparisonDefinition(attribute, attribute, swap ? swappedWith : null, tf, all));
        }
    }
}
