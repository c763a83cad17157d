package org.amalgam.ingest.file;

import java.util.List;

/**
 * One data row of a file.
 *
 * @param number 1 for the first data row (a header line is not counted)
 * @param values the fields in column order
 * @param raw the row as it stood in the file, for rejections
 */
public record Row(long number, List<String> values, String raw) {}
