package org.amalgam.match.engine;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Prepares records for one set of {@link MatchSettings}: normalizes the values the settings read and computes what
 * comparisons need, and gives a record's blocking keys. Thread-safe; make one per settings and reuse it.
 */
public final class RecordPreparer {

    /** Words left out of {@code tokens} keys: they would make blocks of half the data. */
    private static final Set<String> STOP_WORDS = Set.of(
            "of", "on", "in", "to", "at", "by", "an", "or", "as", "is", "the", "and", "for", "with", "from", "into",
            "over", "de", "la", "le", "et", "en", "du", "zu", "im", "am", "der", "die", "das", "und", "von", "les",
            "des", "une", "pour", "het", "een", "voor", "op");

    /** At most this many keys of one blocking key per record (the product of several-valued parts). */
    static final int MAX_KEYS_PER_RULE = 64;

    private final MatchSettings settings;
    final Layout layout;
    /** every distinct part of the keys (split parts included), and per key the indexes of its parts */
    private final List<BlockingPart> distinctParts = new ArrayList<>();

    private final int[][] ruleParts;
    private final boolean[] singleValued;

    public RecordPreparer(MatchSettings settings) {
        this.settings = settings;
        this.layout = new Layout(settings);
        List<BlockingKeyDefinition> rules = settings.blockingKeys();
        ruleParts = new int[rules.size()][];
        singleValued = new boolean[rules.size()];
        for (int r = 0; r < rules.size(); r++) {
            List<BlockingPart> parts = rules.get(r).parts();
            ruleParts[r] = new int[parts.size()];
            singleValued[r] = true;
            for (int i = 0; i < parts.size(); i++) {
                int at = distinctParts.indexOf(parts.get(i));
                if (at < 0) {
                    at = distinctParts.size();
                    distinctParts.add(parts.get(i));
                }
                ruleParts[r][i] = at;
                singleValued[r] &= !parts.get(i).function().multiValued();
            }
        }
    }

    public MatchSettings settings() {
        return settings;
    }

    /** Prepares one record; attributes the settings do not read are ignored. */
    public PreparedRecord prepare(MatchRecord record) {
        List<Layout.Slot> slots = layout.slots;
        String[] values = new String[slots.size()];
        int length = slots.size() + 1;
        Map<String, String> attributes = record.attributes();
        for (Layout.Slot slot : slots) {
            String value = slot.normalizer.normalize(attributes.get(slot.attribute));
            if (length + value.length() > Character.MAX_VALUE) {
                // offsets are chars: a record's values together stay below 64 K characters
                value = value.substring(0, Math.max(0, Character.MAX_VALUE - length));
            }
            values[slot.index] = value;
            length += value.length();
        }
        char[] text = new char[length];
        int position = slots.size() + 1;
        int[] ints = new int[layout.fixedInts];
        int[] tail = null;
        int tailSize = 0;
        for (Layout.Slot slot : slots) {
            String value = values[slot.index];
            text[slot.index] = (char) position;
            value.getChars(0, value.length(), text, position);
            position += value.length();
            int at = slot.position(Layout.Feature.METAPHONE);
            if (at >= 0 && !value.isEmpty()) {
                ints[at] = Phonetics.pack(Phonetics.primary(value));
                ints[at + 1] = Phonetics.pack(Phonetics.alternate(value));
            }
            at = slot.position(Layout.Feature.DATE);
            if (at >= 0) {
                parseDate(value, ints, at);
            }
            at = slot.position(Layout.Feature.NUMBER);
            if (at >= 0) {
                long bits = Double.doubleToRawLongBits(parseNumber(value));
                ints[at] = (int) (bits >>> 32);
                ints[at + 1] = (int) bits;
            }
            at = slot.position(Layout.Feature.TOKENS);
            if (at >= 0) {
                int[] tokens = tokenHashes(value);
                if (tail == null) {
                    tail = new int[Math.max(8, tokens.length)];
                } else if (tail.length < tailSize + tokens.length) {
                    tail = Arrays.copyOf(tail, Math.max(tail.length * 2, tailSize + tokens.length));
                }
                System.arraycopy(tokens, 0, tail, tailSize, tokens.length);
                ints[at] = layout.fixedInts + tailSize;
                tailSize += tokens.length;
                ints[at + 1] = layout.fixedInts + tailSize;
            }
        }
        text[slots.size()] = (char) position;
        if (tailSize > 0) {
            int[] all = Arrays.copyOf(ints, layout.fixedInts + tailSize);
            System.arraycopy(tail, 0, all, layout.fixedInts, tailSize);
            ints = all;
        }
        return new PreparedRecord(record.id(), record.sourceId(), record.sourceDeduplicated(), layout, text, ints);
    }

    /**
     * The record's blocking keys, each prefixed by its key's name ({@code last_name_birth_date:SM0|1980-05-12}), for
     * the indexed table of the real-time path. For a key with {@code split} parts the finer key is given too
     * ({@code names/split:JN|SM0|1980}): skip a key that more than the cap of records share and use its split key,
     * as the bulk run does.
     */
    public List<String> blockingKeys(PreparedRecord record) {
        check(record);
        List<String> keys = new ArrayList<>();
        List<BlockingKeyDefinition> rules = settings.blockingKeys();
        for (int r = 0; r < rules.size(); r++) {
            BlockingKeyDefinition rule = rules.get(r);
            List<String> values = keyValues(record, rule);
            for (String value : values) {
                keys.add(rule.name() + ":" + value);
            }
            if (!rule.split().isEmpty()) {
                String split = splitValue(record, rule);
                for (String value : values) {
                    keys.add(rule.name() + "/split:" + value + "|" + split);
                }
            }
        }
        return keys;
    }

    /**
     * A blocking key of a record for the real-time lookup, with its cap: when more than {@code cap} stored records
     * share the key, it is too common to tell anything and the lookup skips it instead of comparing them all (the
     * finer split key, when there is one, still finds the records that matter), as the bulk run splits or skips such a
     * block.
     *
     * @param key the key as {@link #blockingKeys} gives it (and the key table stores it)
     * @param cap {@link MatchSettings#blockCap(BlockingKeyDefinition)} of the key's definition
     */
    public record LookupKey(String key, int cap) {}

    /**
     * The record's keys for looking up its candidates in real time, each with its key's cap: the same keys as {@link
     * #blockingKeys}, in the same order. Fetch at most cap + 1 records per key and drop the key when there are more.
     */
    public List<LookupKey> lookupKeys(PreparedRecord record) {
        check(record);
        List<LookupKey> keys = new ArrayList<>();
        List<BlockingKeyDefinition> rules = settings.blockingKeys();
        for (BlockingKeyDefinition rule : rules) {
            int cap = settings.blockCap(rule);
            List<String> values = keyValues(record, rule);
            for (String value : values) {
                keys.add(new LookupKey(rule.name() + ":" + value, cap));
            }
            if (!rule.split().isEmpty()) {
                String split = splitValue(record, rule);
                for (String value : values) {
                    keys.add(new LookupKey(rule.name() + "/split:" + value + "|" + split, cap));
                }
            }
        }
        return keys;
    }

    /** The cap of a key as {@link #blockingKeys} writes it (the definition named before {@code :} or {@code /split:}). */
    public int capOf(String key) {
        int end = key.indexOf(':');
        String name = end < 0 ? key : key.substring(0, end);
        if (name.endsWith("/split")) {
            name = name.substring(0, name.length() - "/split".length());
        }
        for (BlockingKeyDefinition rule : settings.blockingKeys()) {
            if (rule.name().equals(name)) {
                return settings.blockCap(rule);
            }
        }
        return settings.blockCap();
    }

    /**
     * The key values (without the name) of one blocking key: the product of the parts' values, sorted within each
     * key when the key is unordered. Empty when a part is empty.
     */
    List<String> keyValues(PreparedRecord record, BlockingKeyDefinition rule) {
        List<List<String>> partValues = new ArrayList<>(rule.parts().size());
        for (BlockingPart part : rule.parts()) {
            List<String> values = partValues(record, part);
            if (values.isEmpty()) {
                return List.of();
            }
            partValues.add(values);
        }
        List<String> keys = new ArrayList<>();
        String[] current = new String[partValues.size()];
        combine(partValues, 0, current, rule.unordered(), keys);
        return keys;
    }

    private static void combine(
            List<List<String>> partValues, int part, String[] current, boolean unordered, List<String> out) {
        if (out.size() >= MAX_KEYS_PER_RULE) {
            return;
        }
        if (part == partValues.size()) {
            String[] values = current.clone();
            if (unordered) {
                Arrays.sort(values);
            }
            out.add(String.join("|", values));
            return;
        }
        for (String value : partValues.get(part)) {
            current[part] = value;
            combine(partValues, part + 1, current, unordered, out);
        }
    }

    /** The value of a key's split parts, empty parts as empty text. */
    String splitValue(PreparedRecord record, BlockingKeyDefinition rule) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < rule.split().size(); i++) {
            if (i > 0) {
                out.append('|');
            }
            List<String> values = partValues(record, rule.split().get(i));
            if (!values.isEmpty()) {
                out.append(values.get(0));
            }
        }
        return out.toString();
    }

    List<String> partValues(PreparedRecord record, BlockingPart part) {
        Layout.Slot slot = layout.slot(part.attribute());
        String value = record.valueOf(slot.index);
        if (value == null) {
            return List.of();
        }
        String result =
                switch (part.function()) {
                    case EXACT -> value;
                    case DOUBLE_METAPHONE -> Phonetics.primary(value);
                    case PREFIX -> {
                        String compact = value.replace(" ", "");
                        yield compact.substring(0, Math.min(part.count(), compact.length()));
                    }
                    case YEAR -> value.length() >= 4 && isDigits(value, 0, 4) ? value.substring(0, 4) : "";
                    case SORTED_TOKENS -> {
                        String[] tokens = value.split(" ");
                        Arrays.sort(tokens);
                        yield String.join(" ", tokens);
                    }
                    case PHONE_SUFFIX ->
                        value.length() >= part.count() ? value.substring(value.length() - part.count()) : "";
                    case EMAIL_LOCAL -> {
                        int at = value.indexOf('@');
                        yield at > 0 ? value.substring(0, at) : "";
                    }
                    case INITIALS -> initials(value);
                    case TOKENS -> null;
                    case QGRAMS -> null;
                };
        if (part.function() == BlockingFunction.TOKENS) {
            Set<String> tokens = new LinkedHashSet<>();
            for (String token : value.split(" ")) {
                if (token.length() >= 2 && !STOP_WORDS.contains(token)) {
                    tokens.add(token);
                }
            }
            return List.copyOf(tokens);
        }
        if (part.function() == BlockingFunction.QGRAMS) {
            String compact = value.replace(" ", "");
            int q = part.count();
            if (compact.length() <= q) {
                return List.of(compact);
            }
            Set<String> grams = new LinkedHashSet<>();
            for (int i = 0; i + q <= compact.length(); i++) {
                grams.add(compact.substring(i, i + q));
            }
            return List.copyOf(grams);
        }
        return result.isEmpty() ? List.of() : List.of(result);
    }

    /**
     * The record's blocking keys as sorted, distinct 64-bit hashes with the key's index in the top byte, so that
     * sorting them orders by key first. Used by the bulk run and the estimator.
     */
    long[] keyHashes(PreparedRecord record) {
        List<BlockingKeyDefinition> rules = settings.blockingKeys();
        long[] hashes = new long[rules.size() + 4];
        int count = 0;
        List<String>[] partCache = null;
        String[] values = new String[4];
        for (int r = 0; r < rules.size(); r++) {
            BlockingKeyDefinition rule = rules.get(r);
            if (!singleValued[r]) {
                StringBuilder key = new StringBuilder(48);
                for (String value : keyValues(record, rule)) {
                    key.setLength(0);
                    key.append(rule.name()).append(':').append(value);
                    if (count == hashes.length) {
                        hashes = Arrays.copyOf(hashes, count * 2);
                    }
                    hashes[count++] = packKey(r, StringMetrics.hash64(key));
                }
                continue;
            }
            // the common case: one value per part, hashed as the text "name:value|value" without building it
            int[] parts = ruleParts[r];
            if (values.length < parts.length) {
                values = new String[parts.length];
            }
            boolean complete = true;
            for (int i = 0; i < parts.length; i++) {
                if (partCache == null) {
                    @SuppressWarnings("unchecked")
                    List<String>[] created = new List[distinctParts.size()];
                    partCache = created;
                }
                List<String> partValues = partCache[parts[i]];
                if (partValues == null) {
                    partValues = partValues(record, distinctParts.get(parts[i]));
                    partCache[parts[i]] = partValues;
                }
                if (partValues.isEmpty()) {
                    complete = false;
                    break;
                }
                values[i] = partValues.get(0);
            }
            if (!complete) {
                continue;
            }
            if (rule.unordered()) {
                Arrays.sort(values, 0, parts.length);
            }
            long h = StringMetrics.FNV_OFFSET;
            h = StringMetrics.fnv(h, rule.name());
            h = StringMetrics.fnv(h, ':');
            for (int i = 0; i < parts.length; i++) {
                if (i > 0) {
                    h = StringMetrics.fnv(h, '|');
                }
                h = StringMetrics.fnv(h, values[i]);
            }
            if (count == hashes.length) {
                hashes = Arrays.copyOf(hashes, count * 2);
            }
            hashes[count++] = packKey(r, StringMetrics.mix64(h));
        }
        long[] result = Arrays.copyOf(hashes, count);
        Arrays.sort(result);
        int distinct = 0;
        for (int i = 0; i < result.length; i++) {
            if (i == 0 || result[i] != result[i - 1]) {
                result[distinct++] = result[i];
            }
        }
        return distinct == result.length ? result : Arrays.copyOf(result, distinct);
    }

    /** A key's rule in the top byte, then a 55-bit hash; bit 55 stays free for {@link BlockIndex}'s marks. */
    static long packKey(int rule, long hash) {
        return ((long) rule << 56) | (hash >>> 9);
    }

    static int ruleOf(long packedKey) {
        return (int) (packedKey >>> 56);
    }

    /** The readable key of a record whose packed key hash is given, for reports; null if it has no such key. */
    String keyText(PreparedRecord record, long packedKey) {
        int r = ruleOf(packedKey);
        BlockingKeyDefinition rule = settings.blockingKeys().get(r);
        for (String value : keyValues(record, rule)) {
            String key = rule.name() + ":" + value;
            if (packKey(r, StringMetrics.hash64(key)) == packedKey) {
                return key;
            }
        }
        return null;
    }

    void check(PreparedRecord record) {
        if (record.layout != layout && !record.layout.preparesLike(layout)) {
            throw new IllegalArgumentException("record " + record.id() + " was prepared for other match settings");
        }
    }

    private static boolean isDigits(String value, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    static String initials(String value) {
        StringBuilder out = new StringBuilder(4);
        boolean start = true;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ' ') {
                start = true;
            } else if (start) {
                out.append(c);
                start = false;
            }
        }
        return out.toString();
    }

    /**
     * Sorted, distinct 32-bit hashes of the words of a normalized value. Words of one letter (initials) are left out
     * when the value has longer ones, so that "p baumann a dehmel" and "peter baumann andreas dehmel" share their
     * words.
     */
    static int[] tokenHashes(String value) {
        if (value.isEmpty()) {
            return new int[0];
        }
        boolean longWords = false;
        for (int i = 0, start = 0; i <= value.length(); i++) {
            if (i == value.length() || value.charAt(i) == ' ') {
                longWords |= i - start >= 2;
                start = i + 1;
            }
        }
        int[] hashes = new int[8];
        int count = 0;
        int start = 0;
        for (int i = 0; i <= value.length(); i++) {
            if (i == value.length() || value.charAt(i) == ' ') {
                if (i > start && (!longWords || i - start >= 2)) {
                    long h = 0xcbf29ce484222325L;
                    for (int k = start; k < i; k++) {
                        h ^= value.charAt(k);
                        h *= 0x100000001b3L;
                    }
                    if (count == hashes.length) {
                        hashes = Arrays.copyOf(hashes, count * 2);
                    }
                    hashes[count++] = (int) StringMetrics.mix64(h);
                }
                start = i + 1;
            }
        }
        Arrays.sort(hashes, 0, count);
        int distinct = 0;
        for (int i = 0; i < count; i++) {
            if (i == 0 || hashes[i] != hashes[i - 1]) {
                hashes[distinct++] = hashes[i];
            }
        }
        return Arrays.copyOf(hashes, distinct);
    }

    /** Writes yyyymmdd and the epoch day of an ISO date; 0 and Integer.MIN_VALUE when it is not one. */
    private static void parseDate(String value, int[] ints, int at) {
        ints[at] = 0;
        ints[at + 1] = Integer.MIN_VALUE;
        if (value.length() != 10
                || value.charAt(4) != '-'
                || value.charAt(7) != '-'
                || !isDigits(value, 0, 4)
                || !isDigits(value, 5, 7)
                || !isDigits(value, 8, 10)) {
            return;
        }
        int year = Integer.parseInt(value, 0, 4, 10);
        int month = Integer.parseInt(value, 5, 7, 10);
        int day = Integer.parseInt(value, 8, 10, 10);
        try {
            ints[at + 1] = (int) LocalDate.of(year, month, day).toEpochDay();
            ints[at] = year * 10_000 + month * 100 + day;
        } catch (DateTimeException e) {
            // not a date: the date levels do not hold, exact text still does
        }
    }

    private static double parseNumber(String value) {
        if (value.isEmpty()) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
