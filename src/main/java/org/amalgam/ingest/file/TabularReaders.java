package org.amalgam.ingest.file;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Opens a file with the reader its format needs, told by the file name: .csv and .txt are CSV (delimiter found from
 * the header line), .tsv and .tab tab-separated, .json a JSON array of objects (or NDJSON when it starts with an object),
 * .ndjson and .jsonl one object per line (or a JSON array when they start with one), .xlsx an Excel workbook. A file
 * with any other name is known by its first bytes.
 */
public final class TabularReaders {

    private TabularReaders() {}

    public static TabularReader open(Path file, String fileName) {
        String name = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT).strip();
        String extension = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1) : "";
        return switch (extension) {
            case "csv", "txt" -> CsvReader.open(file, null);
            case "tsv", "tab" -> CsvReader.open(file, '\t');
            case "json", "ndjson", "jsonl" -> json(file, extension.equals("json"));
            case "xlsx" -> XlsxReader.open(file, null);
            case "xls" -> throw new UnreadableFileException(XlsxReader.OLD_EXCEL);
            default -> sniffed(file);
        };
    }

    private static TabularReader json(Path file, boolean array) {
        int first = FileSignature.of(file).firstCharacter();
        if (first == '[') {
            return JsonArrayReader.open(file);
        }
        if (first == '{') {
            return NdjsonReader.open(file);
        }
        // either reader says in its own words why this is not its format
        return array ? JsonArrayReader.open(file) : NdjsonReader.open(file);
    }

    private static TabularReader sniffed(Path file) {
        FileSignature signature = FileSignature.of(file);
        if (signature.zip()) {
            return XlsxReader.open(file, null);
        }
        if (signature.ole2()) {
            throw new UnreadableFileException(XlsxReader.OLD_EXCEL);
        }
        return switch (signature.firstCharacter()) {
            case '[' -> JsonArrayReader.open(file);
            case '{' -> NdjsonReader.open(file);
            default -> CsvReader.open(file, null);
        };
    }
}
