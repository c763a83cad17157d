package org.amalgam.match.engine;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.amalgam.model.AttributeDefinition;

/** Reads and checks a {@code match} section; every problem names its path. */
final class SettingsParser {

    private static final String ROOT = "/match";
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");
    private static final Pattern PART =
            Pattern.compile("\\s*([a-z_]+)\\s*\\(\\s*([A-Za-z0-9_]+)\\s*(?:,\\s*(\\d+)\\s*)?\\)\\s*");
    private static final Set<String> TOP =
            Set.of("thresholds", "blocking", "comparisons", "termFrequencyMinimum", "clustering");
    private static final Set<String> THRESHOLDS = Set.of("same", "possible");
    private static final Set<String> BLOCKING = Set.of("cap", "window", "keys");
    private static final Set<String> KEY = Set.of("name", "parts", "unordered", "split", "cap", "window");
    private static final Set<String> COMPARISON = Set.of("name", "attribute", "swappedWith", "termFrequency", "levels");
    private static final Set<String> CLUSTERING = Set.of("agreement", "contradiction");

    private final List<SettingsProblem> problems = new ArrayList<>();
    /** comparisons whose 'missing' level was added in front: their document paths count one level less */
    private final java.util.Set<ComparisonDefinition> missingAdded =
            java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

    private final Map<String, String> types = new LinkedHashMap<>();

    private SettingsParser(List<AttributeDefinition> attributes) {
        for (AttributeDefinition attribute : attributes) {
            types.put(attribute.name(), attribute.type());
        }
    }

    static MatchSettings.Parsed parse(Map<String, Object> section, List<AttributeDefinition> attributes) {
        SettingsParser parser = new SettingsParser(attributes);
        MatchSettings settings = parser.read(section, attributes);
        return new MatchSettings.Parsed(parser.problems.isEmpty() ? settings : null, parser.problems);
    }

    /** The problems of settings made in code, with the paths their document would have. */
    static List<SettingsProblem> check(MatchSettings settings) {
        SettingsParser parser = new SettingsParser(List.of());
        parser.types.putAll(settings.attributeTypes());
        parser.checkAll(
                settings.blockingKeys(),
                settings.blockCap(),
                settings.window(),
                settings.comparisons(),
                settings.thresholds(),
                settings.termFrequencyMinimum(),
                settings.clustering());
        return parser.problems;
    }

    private MatchSettings read(Map<String, Object> section, List<AttributeDefinition> attributes) {
        if (section == null || section.isEmpty()) {
            problem(ROOT, "is empty: give blocking keys and comparisons, or use the defaults (docs/matching.md)");
            return null;
        }
        unknownFields(section, TOP, ROOT, "the match section");
        Thresholds thresholds = readThresholds(section.get("thresholds"), ROOT + "/thresholds");
        int cap = MatchSettings.DEFAULT_BLOCK_CAP;
        int window = MatchSettings.DEFAULT_WINDOW;
        List<BlockingKeyDefinition> keys = new ArrayList<>();
        Object blocking = section.get("blocking");
        String blockingPath = ROOT + "/blocking";
        if (!(blocking instanceof Map<?, ?> blockingMap)) {
            problem(blockingPath, "is required: an object with 'keys', a list of blocking keys");
        } else {
            unknownFields(blockingMap, BLOCKING, blockingPath, "blocking");
            if (blockingMap.get("cap") != null) {
                cap = integer(blockingMap.get("cap"), blockingPath + "/cap", 2, 100_000, cap);
            }
            if (blockingMap.get("window") != null) {
                window = integer(blockingMap.get("window"), blockingPath + "/window", 1, 1_000, window);
            }
            Object keyList = blockingMap.get("keys");
            if (!(keyList instanceof List<?> list) || list.isEmpty()) {
                problem(blockingPath + "/keys", "is required: a list with at least one blocking key");
            } else {
                for (int i = 0; i < list.size(); i++) {
                    BlockingKeyDefinition key = readKey(list.get(i), blockingPath + "/keys/" + i);
                    if (key != null) {
                        keys.add(key);
                    }
                }
            }
        }
        List<ComparisonDefinition> comparisons = new ArrayList<>();
        Object comparisonList = section.get("comparisons");
        if (!(comparisonList instanceof List<?> list) || list.isEmpty()) {
            problem(ROOT + "/comparisons", "is required: a list with at least one comparison");
        } else {
            for (int i = 0; i < list.size(); i++) {
                ComparisonDefinition comparison = readComparison(list.get(i), ROOT + "/comparisons/" + i);
                if (comparison != null) {
                    comparisons.add(comparison);
                }
            }
        }
        double tfMinimum = MatchSettings.DEFAULT_TERM_FREQUENCY_MINIMUM;
        if (section.get("termFrequencyMinimum") != null) {
            Double value = number(section.get("termFrequencyMinimum"), ROOT + "/termFrequencyMinimum");
            if (value != null) {
                tfMinimum = value;
            }
        }
        ClusteringSettings clustering = readClustering(section.get("clustering"), ROOT + "/clustering");
        if (!problems.isEmpty()) {
            return null;
        }
        checkAll(keys, cap, window, comparisons, thresholds, tfMinimum, clustering);
        if (!problems.isEmpty()) {
            return null;
        }
        return new MatchSettings(attributes, keys, cap, window, comparisons, thresholds, tfMinimum, clustering);
    }

    private Thresholds readThresholds(Object value, String path) {
        double same = SettingsDefaults.SAME;
        double possible = SettingsDefaults.POSSIBLE;
        if (value == null) {
            return new Thresholds(same, possible);
        }
        if (!(value instanceof Map<?, ?> map)) {
            problem(path, "must be an object with 'same' and 'possible', probabilities between 0 and 1");
            return null;
        }
        unknownFields(map, THRESHOLDS, path, "thresholds");
        Double sameValue = map.get("same") == null ? Double.valueOf(same) : number(map.get("same"), path + "/same");
        Double possibleValue = map.get("possible") == null
                ? Double.valueOf(possible)
                : number(map.get("possible"), path + "/possible");
        if (sameValue == null || possibleValue == null) {
            return null;
        }
        boolean ok = true;
        if (!(sameValue > 0 && sameValue < 1)) {
            problem(path + "/same", "is " + sameValue + ": a match probability between 0 and 1 (exclusive), e.g. 0.99");
            ok = false;
        }
        if (!(possibleValue > 0 && possibleValue < 1)) {
            problem(
                    path + "/possible",
                    "is " + possibleValue + ": a match probability between 0 and 1 (exclusive), e.g. 0.5");
            ok = false;
        }
        if (ok && possibleValue > sameValue) {
            problem(
                    path + "/possible",
                    "is " + possibleValue + ", above 'same' (" + sameValue + "); it must not be higher");
            ok = false;
        }
        return ok ? new Thresholds(sameValue, possibleValue) : null;
    }

    private BlockingKeyDefinition readKey(Object value, String path) {
        if (!(value instanceof Map<?, ?> map)) {
            problem(path, "must be an object with 'name' and 'parts', e.g. {name: email, parts: [exact(email)]}");
            return null;
        }
        unknownFields(map, KEY, path, "a blocking key");
        String name = string(map.get("name"), path + "/name");
        List<BlockingPart> parts = readParts(map.get("parts"), path + "/parts", true);
        List<BlockingPart> split =
                map.get("split") == null ? List.of() : readParts(map.get("split"), path + "/split", false);
        boolean unordered = bool(map.get("unordered"), path + "/unordered");
        int cap = map.get("cap") == null ? 0 : integer(map.get("cap"), path + "/cap", 2, 100_000, 0);
        int window = map.get("window") == null ? -1 : integer(map.get("window"), path + "/window", 0, 1_000, -1);
        if (name == null || parts == null || split == null) {
            return null;
        }
        return new BlockingKeyDefinition(name, parts, unordered, split, cap, window);
    }

    private List<BlockingPart> readParts(Object value, String path, boolean required) {
        List<?> list = value instanceof List<?> l ? l : value instanceof String ? List.of(value) : null;
        if (list == null || (required && list.isEmpty())) {
            problem(
                    path,
                    "must be a list of functions of attributes, e.g. [double_metaphone(last_name), year(birth_date)]");
            return null;
        }
        List<BlockingPart> parts = new ArrayList<>();
        boolean ok = true;
        for (int i = 0; i < list.size(); i++) {
            Object item = list.get(i);
            int at = i;
            // a YAML flow list [prefix(title, 12)] splits at the comma: join the pieces again
            while (item instanceof String text
                    && text.indexOf('(') >= 0
                    && text.indexOf(')') < 0
                    && i + 1 < list.size()
                    && list.get(i + 1) instanceof String next) {
                item = text + ", " + next;
                i++;
            }
            BlockingPart part = readPart(item, path + "/" + at);
            if (part == null) {
                ok = false;
            } else {
                parts.add(part);
            }
        }
        return ok ? parts : null;
    }

    private BlockingPart readPart(Object value, String path) {
        if (!(value instanceof String text)) {
            problem(path, "must be text such as 'prefix(first_name, 3)'");
            return null;
        }
        if (NAME.matcher(text.strip()).matches()) {
            return BlockingPart.of(BlockingFunction.EXACT, text.strip());
        }
        Matcher matcher = PART.matcher(text);
        if (!matcher.matches()) {
            problem(
                    path,
                    "'" + text + "' is not a function of an attribute; write it as 'function(attribute)' or "
                            + "'function(attribute, n)', e.g. 'prefix(first_name, 3)'");
            return null;
        }
        BlockingFunction function = BlockingFunction.of(matcher.group(1));
        if (function == null) {
            problem(
                    path,
                    "'" + matcher.group(1) + "' is not a blocking function; use one of "
                            + String.join(", ", BlockingFunction.codes()));
            return null;
        }
        int count = 0;
        if (function.takesCount()) {
            if (matcher.group(3) == null) {
                problem(
                        path,
                        "'" + function.code() + "' needs a count, e.g. '" + function.code() + "(" + matcher.group(2)
                                + ", 3)'");
                return null;
            }
            count = Integer.parseInt(matcher.group(3));
        } else if (matcher.group(3) != null) {
            problem(
                    path,
                    "'" + function.code() + "' takes no count; write '" + function.code() + "(" + matcher.group(2)
                            + ")'");
            return null;
        }
        return new BlockingPart(function, matcher.group(2), count);
    }

    private ComparisonDefinition readComparison(Object value, String path) {
        if (!(value instanceof Map<?, ?> map)) {
            problem(path, "must be an object with 'attribute' and 'levels'");
            return null;
        }
        unknownFields(map, COMPARISON, path, "a comparison");
        String attribute = string(map.get("attribute"), path + "/attribute");
        String name = map.get("name") == null ? attribute : string(map.get("name"), path + "/name");
        String swappedWith =
                map.get("swappedWith") == null ? null : string(map.get("swappedWith"), path + "/swappedWith");
        boolean termFrequency = bool(map.get("termFrequency"), path + "/termFrequency");
        Object levelList = map.get("levels");
        List<LevelDefinition> levels = new ArrayList<>();
        boolean ok = name != null && attribute != null;
        if (!(levelList instanceof List<?> list) || list.isEmpty()) {
            problem(path + "/levels", "is required: a list of levels such as [exact, {jaro_winkler: 0.9}, else]");
            return null;
        }
        for (int i = 0; i < list.size(); i++) {
            LevelDefinition level = readLevel(list.get(i), path + "/levels/" + i);
            if (level == null) {
                ok = false;
            } else {
                levels.add(level);
            }
        }
        if (!ok) {
            return null;
        }
        boolean addMissing = levels.stream().noneMatch(l -> l.kind() == LevelKind.MISSING);
        if (addMissing) {
            levels.add(0, LevelDefinition.of(LevelKind.MISSING));
        }
        if (levels.stream().noneMatch(l -> l.kind() == LevelKind.ELSE)) {
            levels.add(LevelDefinition.of(LevelKind.ELSE));
        }
        ComparisonDefinition comparison = new ComparisonDefinition(name, attribute, swappedWith, termFrequency, levels);
        if (addMissing) {
            missingAdded.add(comparison);
        }
        return comparison;
    }

    private LevelDefinition readLevel(Object value, String path) {
        String code;
        Object argument = null;
        if (value instanceof String text) {
            code = text.strip();
        } else if (value instanceof Map<?, ?> map && map.size() == 1) {
            Map.Entry<?, ?> entry = map.entrySet().iterator().next();
            code = String.valueOf(entry.getKey());
            argument = entry.getValue();
        } else {
            problem(path, "must be a level name such as 'exact' or an object such as {jaro_winkler: 0.9}");
            return null;
        }
        LevelKind kind = LevelKind.of(code);
        if (kind == null) {
            problem(
                    path,
                    "'" + code + "' is not a comparison level; use one of " + String.join(", ", LevelKind.codes()));
            return null;
        }
        if (kind.argument() == LevelKind.Argument.NONE) {
            if (argument != null) {
                problem(path, "'" + code + "' takes no value; write it as '" + code + "'");
                return null;
            }
            return LevelDefinition.of(kind);
        }
        if (argument == null) {
            problem(path, "'" + code + "' needs a value, e.g. {" + code + ": " + example(kind) + "}");
            return null;
        }
        Double number = number(argument, path + "/" + code);
        return number == null ? null : LevelDefinition.of(kind, number);
    }

    private static String example(LevelKind kind) {
        return switch (kind.argument()) {
            case FRACTION -> "0.9";
            case COUNT -> "1";
            default -> "10";
        };
    }

    private ClusteringSettings readClustering(Object value, String path) {
        if (value == null) {
            return ClusteringSettings.DEFAULT;
        }
        if (!(value instanceof Map<?, ?> map)) {
            problem(path, "must be an object with 'agreement' and 'contradiction'");
            return null;
        }
        unknownFields(map, CLUSTERING, path, "clustering");
        Double agreement = map.get("agreement") == null
                ? Double.valueOf(ClusteringSettings.DEFAULT.agreement())
                : number(map.get("agreement"), path + "/agreement");
        Double contradiction = map.get("contradiction") == null
                ? Double.valueOf(ClusteringSettings.DEFAULT.contradiction())
                : number(map.get("contradiction"), path + "/contradiction");
        if (agreement == null || contradiction == null) {
            return null;
        }
        return new ClusteringSettings(agreement, contradiction);
    }

    private void checkAll(
            List<BlockingKeyDefinition> keys,
            int cap,
            int window,
            List<ComparisonDefinition> comparisons,
            Thresholds thresholds,
            double tfMinimum,
            ClusteringSettings clustering) {
        if (keys.isEmpty()) {
            problem(ROOT + "/blocking/keys", "is empty: give at least one blocking key");
        }
        if (keys.size() > MatchSettings.MAX_BLOCKING_KEYS) {
            problem(
                    ROOT + "/blocking/keys",
                    "has " + keys.size() + " keys; at most " + MatchSettings.MAX_BLOCKING_KEYS);
        }
        if (cap < 2) {
            problem(ROOT + "/blocking/cap", "is " + cap + ": a block cap must be at least 2");
        }
        if (window < 1) {
            problem(ROOT + "/blocking/window", "is " + window + ": the window must be at least 1");
        }
        Set<String> keyNames = new HashSet<>();
        for (int i = 0; i < keys.size(); i++) {
            BlockingKeyDefinition key = keys.get(i);
            String path = ROOT + "/blocking/keys/" + i;
            if (key.name() == null || !NAME.matcher(key.name()).matches()) {
                problem(path + "/name", "'" + key.name() + "' is not a key name: snake_case, such as 'surname_year'");
            } else if (!keyNames.add(key.name())) {
                problem(path + "/name", "'" + key.name() + "' names two blocking keys; names must be unique");
            }
            if (key.parts().isEmpty()) {
                problem(path + "/parts", "is empty: a key needs at least one part");
            }
            if (key.cap() != 0 && key.cap() < 2) {
                problem(path + "/cap", "is " + key.cap() + ": a block cap must be at least 2");
            }
            checkParts(key.parts(), path + "/parts");
            checkParts(key.split(), path + "/split");
        }
        if (comparisons.isEmpty()) {
            problem(ROOT + "/comparisons", "is empty: give at least one comparison");
        }
        if (comparisons.size() > MatchSettings.MAX_COMPARISONS) {
            problem(
                    ROOT + "/comparisons",
                    "has " + comparisons.size() + " comparisons; at most " + MatchSettings.MAX_COMPARISONS);
        }
        Set<String> comparisonNames = new HashSet<>();
        for (int i = 0; i < comparisons.size(); i++) {
            checkComparison(comparisons.get(i), ROOT + "/comparisons/" + i, comparisonNames);
        }
        if (thresholds == null) {
            problem(ROOT + "/thresholds", "are required");
        }
        if (!(tfMinimum > 0 && tfMinimum < 1)) {
            problem(ROOT + "/termFrequencyMinimum", "is " + tfMinimum + ": a share between 0 and 1, e.g. 0.0001");
        }
        if (clustering != null) {
            double agreement = clustering.agreement();
            if (!(agreement > 0 && agreement < 1)) {
                problem(ROOT + "/clustering/agreement", "is " + agreement + ": a probability between 0 and 1");
            }
            if (!(clustering.contradiction() < 0)) {
                problem(
                        ROOT + "/clustering/contradiction",
                        "is " + clustering.contradiction() + ": a negative match weight in bits, e.g. -10");
            }
        }
    }

    private void checkParts(List<BlockingPart> parts, String path) {
        for (int j = 0; j < parts.size(); j++) {
            BlockingPart part = parts.get(j);
            String partPath = path + "/" + j;
            String type = types.get(part.attribute());
            if (type == null) {
                problem(partPath, unknownAttribute(part.attribute()));
                continue;
            }
            if (!part.function().accepts(type)) {
                problem(
                        partPath,
                        "'" + part.function().code() + "' works on "
                                + part.function().dataTypes() + " attributes; '" + part.attribute() + "' is " + type);
            }
            if (part.function().takesCount() && (part.count() < 1 || part.count() > 100)) {
                problem(
                        partPath,
                        "the count of '" + part.function().code() + "' is " + part.count() + "; use 1 to 100");
            }
        }
    }

    private void checkComparison(ComparisonDefinition comparison, String path, Set<String> names) {
        if (comparison.name() == null || comparison.name().isBlank()) {
            problem(path + "/name", "is required");
        } else if (!names.add(comparison.name())) {
            problem(path + "/name", "'" + comparison.name() + "' names two comparisons; names must be unique");
        }
        String type = types.get(comparison.attribute());
        if (type == null) {
            problem(path + "/attribute", unknownAttribute(comparison.attribute()));
        }
        if (comparison.swappedWith() != null && !types.containsKey(comparison.swappedWith())) {
            problem(path + "/swappedWith", unknownAttribute(comparison.swappedWith()));
        }
        List<LevelDefinition> levels = comparison.levels();
        if (levels.size() > MatchSettings.MAX_LEVELS) {
            problem(
                    path + "/levels",
                    "has " + levels.size() + " levels with missing and else; at most " + MatchSettings.MAX_LEVELS);
        }
        if (levels.size() < 3) {
            problem(path + "/levels", "needs at least one level besides missing and else, e.g. exact");
        }
        int offset = missingAdded.contains(comparison) ? -1 : 0;
        for (int j = 0; j < levels.size(); j++) {
            LevelDefinition level = levels.get(j);
            String levelPath = path + "/levels/" + Math.max(0, j + offset);
            LevelKind kind = level.kind();
            if (kind == LevelKind.MISSING && j != 0) {
                problem(levelPath, "'missing' must be the first level");
            }
            if (kind == LevelKind.ELSE && j != levels.size() - 1) {
                problem(levelPath, "'else' must be the last level");
            }
            if (type != null && !kind.accepts(type)) {
                problem(
                        levelPath,
                        "'" + kind.code() + "' compares " + kind.dataTypes() + " attributes; '" + comparison.attribute()
                                + "' is " + type);
            }
            if (kind == LevelKind.SWAPPED && comparison.swappedWith() == null) {
                problem(levelPath, "'swapped' needs the comparison's 'swappedWith', the attribute to compare across");
            }
            double argument = level.argument();
            switch (kind.argument()) {
                case FRACTION -> {
                    if (!(argument > 0 && argument <= 1)) {
                        problem(
                                levelPath,
                                "the value of '" + kind.code() + "' is " + LevelDefinition.number(argument)
                                        + "; use a number above 0 and at most 1, e.g. 0.9");
                    }
                }
                case COUNT -> {
                    double minimum = kind == LevelKind.WITHIN_YEARS || kind == LevelKind.WITHIN_DAYS ? 0 : 1;
                    if (argument != Math.rint(argument) || argument < minimum || argument > 100_000) {
                        problem(
                                levelPath,
                                "the value of '" + kind.code() + "' is " + LevelDefinition.number(argument)
                                        + "; use a whole number from " + (int) minimum);
                    }
                }
                case NUMBER -> {
                    if (!(argument >= 0) || Double.isInfinite(argument)) {
                        problem(
                                levelPath,
                                "the value of '" + kind.code() + "' is " + LevelDefinition.number(argument)
                                        + "; use a number of at least 0");
                    }
                }
                case NONE -> {}
            }
        }
        if (comparison.termFrequency() && comparison.levelIndex(LevelKind.EXACT) < 0) {
            problem(
                    path + "/termFrequency",
                    "weighs the 'exact' level by term frequency, but there is no 'exact' level");
        }
    }

    private String unknownAttribute(String name) {
        return "'" + name + "' is not an attribute of this type; known: " + String.join(", ", types.keySet());
    }

    private void unknownFields(Map<?, ?> map, Set<String> allowed, String path, String what) {
        for (Object key : map.keySet()) {
            if (!allowed.contains(String.valueOf(key))) {
                problem(path + "/" + key, "is not a field of " + what + "; use " + String.join(", ", sorted(allowed)));
            }
        }
    }

    private static List<String> sorted(Set<String> values) {
        return values.stream().sorted().toList();
    }

    private String string(Object value, String path) {
        if (value instanceof String text && !text.isBlank()) {
            return text.strip();
        }
        problem(path, value == null ? "is required" : "must be text");
        return null;
    }

    private boolean bool(Object value, String path) {
        if (value == null) {
            return false;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        problem(path, "must be true or false");
        return false;
    }

    private Double number(Object value, String path) {
        if (value instanceof Number number) {
            return number.doubleValue();
        }
        if (value instanceof String text) {
            try {
                return Double.parseDouble(text.strip());
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        problem(path, "must be a number, not '" + value + "'");
        return null;
    }

    private int integer(Object value, String path, int min, int max, int fallback) {
        Double number = number(value, path);
        if (number == null) {
            return fallback;
        }
        if (number != Math.rint(number) || number < min || number > max) {
            problem(path, "is " + LevelDefinition.number(number) + "; use a whole number from " + min + " to " + max);
            return fallback;
        }
        return number.intValue();
    }

    private void problem(String path, String message) {
        problems.add(new SettingsProblem(path, message));
    }
}
