package org.amalgam.match.engine;

/**
 * A record prepared for matching by {@link RecordPreparer}: every value normalized and everything comparisons need
 * computed once (phonetic codes, parsed dates and numbers, token sets), in two arrays, so that scoring allocates
 * nothing. Immutable and thread-safe. Only meaningful with the settings it was prepared for.
 */
public final class PreparedRecord {

    private final long id;
    private final long sourceId;
    private final boolean sourceDeduplicated;
    final Layout layout;
    /** offsets of the values (slots + 1 of them), then the values */
    final char[] text;
    /** the features of every slot at the layout's positions, then token hashes */
    final int[] ints;
    /** bit c is set when comparison c's attribute has a value */
    final int present;

    PreparedRecord(long id, long sourceId, boolean sourceDeduplicated, Layout layout, char[] text, int[] ints) {
        this.id = id;
        this.sourceId = sourceId;
        this.sourceDeduplicated = sourceDeduplicated;
        this.layout = layout;
        this.text = text;
        this.ints = ints;
        int mask = 0;
        for (int c = 0; c < layout.comparisonSlots.length; c++) {
            int slot = layout.comparisonSlots[c];
            if (text[slot + 1] != text[slot]) {
                mask |= 1 << c;
            }
        }
        this.present = mask;
    }

    public long id() {
        return id;
    }

    public long sourceId() {
        return sourceId;
    }

    public boolean sourceDeduplicated() {
        return sourceDeduplicated;
    }

    /** The normalized value of an attribute that the settings read, or null when it is empty. */
    public String value(String attribute) {
        Layout.Slot slot = layout.slot(attribute);
        int start = start(slot.index);
        int length = length(slot.index);
        return length == 0 ? null : new String(text, start, length);
    }

    int start(int slot) {
        return text[slot];
    }

    int length(int slot) {
        return text[slot + 1] - text[slot];
    }

    boolean empty(int slot) {
        return text[slot + 1] == text[slot];
    }

    String valueOf(int slot) {
        int length = length(slot);
        return length == 0 ? null : new String(text, start(slot), length);
    }

    /** Two records that may be compared: prepared with the same settings. */
    boolean compatible(PreparedRecord other) {
        return layout == other.layout || layout.preparesLike(other.layout);
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("PreparedRecord[").append(id).append(' ');
        for (Layout.Slot slot : layout.slots) {
            String value = valueOf(slot.index);
            if (value != null) {
                out.append(slot.attribute).append('=').append(value).append(' ');
            }
        }
        return out.append(']').toString();
    }
}
