package org.amalgam.bench;

import java.util.List;
import java.util.SplittableRandom;

/** Makes the records of one entity type: a clean entity, and the mistakes a copy of it may carry. */
interface EntityFactory {

    /** The entity type's name in Amalgam ({@code person}, {@code organization}). */
    String type();

    /** Prefix of the ground-truth entity ids. */
    String idPrefix();

    /** The attribute names of API.md, in column order. */
    List<String> attributes();

    Kind kind(int attribute);

    /** Fills the draft with a new clean entity; the same random sequence gives the same entity. */
    void entity(SplittableRandom random, Draft draft);

    /** Applies one to three corruptions to a copy. */
    void corrupt(SplittableRandom random, Draft draft);
}
