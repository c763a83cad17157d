package org.amalgam.ingest.file;

import java.io.Closeable;
import java.util.List;
import java.util.Optional;

/** Reads a file as a header and a stream of rows, whatever its format. */
public interface TabularReader extends Closeable {

    List<String> header();

    /** The next row, or empty at the end of the file. A broken file throws {@link UnreadableFileException}. */
    Optional<Row> next();

    /** Bytes of the file consumed so far, for progress. */
    long bytesRead();
}
