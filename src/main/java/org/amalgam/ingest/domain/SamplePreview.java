package org.amalgam.ingest.domain;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.amalgam.model.AttributeDefinition;
import org.amalgam.model.EntityTypeView;
import org.springframework.stereotype.Component;

/**
 * The first rows of a file as a mapping would store them, computed by the pipeline's own {@link RowStandardizer}
 * without storing anything.
 */
@Component
public class SamplePreview {

    private final RowStandardizer rows;

    public SamplePreview(RowStandardizer rows) {
        this.rows = rows;
    }

    /**
     * One sample row: what each attribute's column holds before standardization, and the row as it will be stored
     * (or why it will be rejected).
     */
    public record PreviewRow(long number, Map<String, String> mapped, StandardizedRow stored) {}

    /**
     * The sample rows as the mapping stores them, and the columns the mapping leaves to the raw payload.
     *
     * @param phoneRegion the source's default phone region, or null, as the import will use it
     * @throws org.amalgam.shared.InvalidInputException when the mapping does not fit the file, as an import would fail
     */
    public Result preview(EntityTypeView type, Mapping mapping, FileSample sample, String phoneRegion) {
        // an import binds the mapping when its first row arrives, with the columns known then
        sample.rows().stream()
                .filter(row -> !row.broken())
                .findFirst()
                .ifPresent(first -> mapping.bind(sample.headerOf(first), type));
        Mapping.Bound bound = mapping.bind(sample.header(), type);
        RowStandardizer.Prepared standardizer = rows.prepare(type, bound, phoneRegion);
        List<PreviewRow> previewed = new ArrayList<>(sample.rows().size());
        for (FileSample.SampleRow row : sample.rows()) {
            Map<String, String> mapped = new LinkedHashMap<>();
            for (AttributeDefinition attribute : type.attributes()) {
                Mapping.BoundSource from = bound.attributes().get(attribute.name());
                if (from != null) {
                    mapped.put(attribute.name(), from.value(row.values()));
                }
            }
            // as the pipeline does: a row the reader could not take apart is rejected with what it found
            StandardizedRow stored = row.broken()
                    ? new StandardizedRow("", Map.of(), List.of(), List.of(row.problem()))
                    : standardizer.standardize(sample.headerOf(row), row.values(), row.problem());
            previewed.add(new PreviewRow(row.number(), mapped, stored));
        }
        return new Result(bound, previewed, unmapped(sample.header(), bound));
    }

    /** The previewed rows, and the columns that map to nothing (kept in the raw payload only). */
    public record Result(Mapping.Bound bound, List<PreviewRow> rows, List<String> unmappedColumns) {}

    private static List<String> unmapped(List<String> header, Mapping.Bound bound) {
        Set<Integer> used = new HashSet<>();
        used.add(bound.keyIndex());
        bound.attributes().values().forEach(source -> {
            if (source.template() == null) {
                used.add(source.index());
            } else {
                source.template().stream()
                        .filter(Integer.class::isInstance)
                        .forEach(index -> used.add((Integer) index));
            }
        });
        List<String> unmapped = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            if (!used.contains(i)) {
                unmapped.add(header.get(i).isBlank() ? "column_" + (i + 1) : header.get(i));
            }
        }
        return unmapped;
    }
}
