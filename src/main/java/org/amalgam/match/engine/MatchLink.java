package org.amalgam.match.engine;

/**
 * A scored pair for the match-link table: SAME inside a cluster, or POSSIBLE for a steward to review.
 *
 * @param recordA the smaller record id
 * @param recordB the other record id
 * @param bits the pair's match weight; {@link Scorer#explain} gives its contributions
 * @param probability its match probability
 * @param band {@link Band#SAME} for links inside a cluster, {@link Band#POSSIBLE} for review
 * @param reason why it is reported so; for POSSIBLE links that scored SAME, what kept the records apart
 */
public record MatchLink(long recordA, long recordB, double bits, double probability, Band band, LinkReason reason) {}
