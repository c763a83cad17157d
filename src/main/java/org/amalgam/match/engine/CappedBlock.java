package org.amalgam.match.engine;

/**
 * A block with more records than the cap: its pairs were not all compared. Its records were split by the key's
 * {@code split} parts into {@code subBlocks}; the records of parts still above the cap ({@code windowedRecords}) were
 * each compared with their window of neighbours in sorted order only.
 *
 * @param key the blocking key, e.g. {@code names:JN|SM0}
 * @param size the block's records
 */
public record CappedBlock(String key, int size, int subBlocks, int windowedRecords) {}
