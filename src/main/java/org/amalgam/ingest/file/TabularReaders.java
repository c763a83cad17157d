package org.amalgam.ingest.file;

import java.nio.file.Path;
import java.util.Locale;

/** Opens a file with the reader its format needs, told by the file name. */
public final class TabularReaders {

    private TabularReaders() {}

    public static TabularReader open(Path file, String fileName) {
        String name = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
        if (name.endsWith(".tsv") || name.endsWith(".tab")) {
            return CsvReader.open(file, '\t');
        }
        return CsvReader.open(file, null);
    }
}
