package org.amalgam.match.engine;

import java.util.List;

/**
 * One blocking key: records that share its value are compared. The keys of a type are OR-ed: a pair is a candidate
 * when it shares any key, and is compared once however many keys it shares.
 *
 * @param name the key's name, which prefixes every key value so that keys never collide
 * @param parts the functions whose values are joined into the key; a record with a part empty has no such key
 * @param unordered whether the parts' values are sorted before they are joined, so that swapped first and last names
 *     share a key
 * @param split parts that split a block larger than the cap into smaller ones; empty for none
 * @param cap this key's block cap, or 0 for the settings' cap: a coarse key (a birth date alone) with a small cap
 *     compares all its pairs in small data and only its split blocks in large data
 * @param window this key's window in blocks still above the cap after splitting, or -1 for the settings' window; 0
 *     compares none of their pairs (they are reported all the same)
 */
public record BlockingKeyDefinition(
        String name, List<BlockingPart> parts, boolean unordered, List<BlockingPart> split, int cap, int window) {

    public BlockingKeyDefinition {
        parts = List.copyOf(parts);
        split = split == null ? List.of() : List.copyOf(split);
    }

    public BlockingKeyDefinition(String name, List<BlockingPart> parts, boolean unordered, List<BlockingPart> split) {
        this(name, parts, unordered, split, 0, -1);
    }

    public BlockingKeyDefinition(
            String name, List<BlockingPart> parts, boolean unordered, List<BlockingPart> split, int cap) {
        this(name, parts, unordered, split, cap, -1);
    }

    public static BlockingKeyDefinition of(String name, BlockingPart... parts) {
        return new BlockingKeyDefinition(name, List.of(parts), false, List.of());
    }

    /** Every attribute the key reads, split parts included. */
    public List<String> attributes() {
        return java.util.stream.Stream.concat(parts.stream(), split.stream())
                .map(BlockingPart::attribute)
                .distinct()
                .toList();
    }
}
