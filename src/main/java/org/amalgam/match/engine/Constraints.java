package org.amalgam.match.engine;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * Hard constraints besides the deduplicated-source mark: pairs of records a steward asserted DIFFERENT. Clusters that
 * would put such a pair together are never joined automatically, whatever the scores say.
 */
public final class Constraints {

    private static final Constraints NONE = new Constraints(Set.of());

    private final Set<RecordPair> different;
    private final Set<Long> involved;

    private Constraints(Set<RecordPair> different) {
        this.different = Set.copyOf(different);
        Set<Long> ids = new HashSet<>();
        for (RecordPair pair : different) {
            ids.add(pair.a());
            ids.add(pair.b());
        }
        this.involved = Set.copyOf(ids);
    }

    public static Constraints none() {
        return NONE;
    }

    /** Constraints from the pairs asserted DIFFERENT. */
    public static Constraints different(Collection<RecordPair> pairs) {
        return pairs.isEmpty() ? NONE : new Constraints(new HashSet<>(pairs));
    }

    /** Whether the two records were asserted DIFFERENT. */
    public boolean different(long a, long b) {
        return !involved.isEmpty() && involved.contains(a) && different.contains(RecordPair.of(a, b));
    }

    /** Whether the record takes part in any constraint: a fast test before {@link #different}. */
    boolean involves(long id) {
        return !involved.isEmpty() && involved.contains(id);
    }

    public Set<RecordPair> differentPairs() {
        return different;
    }
}
