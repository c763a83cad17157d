package org.amalgam.ingest;

import java.util.List;
import java.util.Map;

/**
 * The mapping step of one staged upload: the choices for each attribute, and the file's first rows as those choices
 * would store them.
 *
 * @param upload the staged file
 * @param columns the file's columns that a mapping can name, in file order, each with an example value
 * @param keyColumn the chosen key column, or null
 * @param attributes every attribute of the type with its choice and its values in the sample rows
 * @param rows the sample rows: their key and, when they would be rejected, why
 * @param unmappedColumns columns that map to nothing and stay in the raw payload only
 * @param fileProblem why the file cannot be read past the rows shown (an import stores the rows before and fails), or
 *     null
 * @param problem why no row can be previewed (the file does not fit the mapping), or null
 * @param errors choices that are wrong: {@code key}, an attribute's name, or {@code <attribute>.format}
 * @param misses what the saved mapping names but this file does not have
 * @param fromProfile whether the choices started from the source's saved mapping
 * @param mappingJson the mapping that an import would run with, as API.md writes it; null while a choice is wrong
 */
public record MappingStep(
        StagedUploadView upload,
        List<Column> columns,
        String keyColumn,
        List<Attribute> attributes,
        List<SampleRow> rows,
        List<String> unmappedColumns,
        String fileProblem,
        String problem,
        Map<String, String> errors,
        List<Miss> misses,
        boolean fromProfile,
        String mappingJson) {

    /** A column of the file, with its first non-blank value in the sample rows (or null) to recognise it by. */
    public record Column(String name, String example) {}

    /**
     * One attribute: where its value comes from ({@code source} is a column, a template, or empty for not mapped) and
     * its value in each sample row.
     */
    public record Attribute(
            String name,
            String type,
            boolean required,
            String source,
            boolean template,
            String format,
            List<Cell> cells) {

        public boolean mapped() {
            return !source.isEmpty();
        }

        /** Date attributes, and attributes whose mapping already has a format, take a format. */
        public boolean takesFormat() {
            return "date".equals(type) || (format != null && !format.isEmpty());
        }
    }

    /**
     * One attribute's value in one sample row: what the file holds there, and what will be stored, or the issue that
     * leaves it out with a data-quality flag.
     */
    public record Cell(String raw, String value, String issue) {

        public boolean flagged() {
            return issue != null;
        }

        /** Standardization changed the value, so the file's value is worth showing beside it. */
        public boolean changed() {
            return value != null && raw != null && !raw.equals(value);
        }
    }

    /** One sample row: its number in the file (1 is the first data row), its key, and why it would be rejected. */
    public record SampleRow(long number, String key, List<String> reasons) {

        public boolean rejected() {
            return !reasons.isEmpty();
        }
    }

    /** A column that the saved mapping names, for an attribute (null: for the key), and this file does not have. */
    public record Miss(String attribute, String column) {}

    public long rejectedRows() {
        return rows.stream().filter(SampleRow::rejected).count();
    }

    public long storedRows() {
        return rows.size() - rejectedRows();
    }

    /** Sample rows that would be stored with at least one flagged value. */
    public long flaggedRows() {
        int count = 0;
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).rejected()) {
                continue;
            }
            int row = i;
            if (attributes.stream().anyMatch(a -> a.cells().get(row).flagged())) {
                count++;
            }
        }
        return count;
    }

    /** Whether the choice names a column the file does not have (so a select must still offer it). */
    public boolean offers(String column) {
        return columns.stream().anyMatch(c -> c.name().equals(column));
    }

    public String error(String field) {
        return errors.get(field);
    }

    public boolean hasError(String field) {
        return errors.containsKey(field);
    }
}
