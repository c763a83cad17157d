package org.amalgam.golden.domain;

import java.util.Comparator;
import java.util.List;

/**
 * One named survivorship rule: an order of preference between the values that the source records of a golden record
 * offer for one attribute, the best first. A chain of rules keeps the best under the first rule and lets each next rule
 * break the ties left.
 */
interface SurvivorshipRule {

    /** The name the model uses, e.g. {@code source_priority}. */
    String name();

    /** The better offers first; offers it cannot tell apart compare as equal. */
    Comparator<Offer> preference(Context context);

    /** The value one member offers for the attribute being chosen. */
    record Offer(Object value, Survivorship.Member member) {}

    /**
     * What a rule may look at besides the two offers it compares.
     *
     * @param offers every offer for the attribute, for counting
     * @param sources the chain's source codes, most trusted first; empty for the sources' own priorities
     */
    record Context(List<Offer> offers, List<String> sources) {}
}
