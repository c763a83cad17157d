package org.amalgam.ingest.jdbc;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.amalgam.ingest.file.Row;
import org.amalgam.ingest.file.TabularReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a query's result as the pipeline reads a file: the header is the column labels, each row's values are text
 * (dates and times ISO-8601, numbers plain without exponent, binary data Base64, SQL NULL as no value), and a row's
 * raw form is a JSON object of its columns. Rows are read as the driver streams them; the reader keeps none. It also
 * tracks the largest value of the watermark column.
 */
public final class ResultSetReader implements TabularReader {

    private final ResultSet rs;
    private final JsonMapper json;
    private final List<String> header;
    private final List<String> rawNames;
    private final int[] types;
    private final String[] typeNames;
    private final int watermarkIndex;
    private final Watermark.Kind watermarkKind;
    private Watermark maxWatermark;
    private long rowNumber;
    private boolean done;

    /**
     * @param watermarkColumn the column whose largest value the reader keeps, or null for none; a column the result
     *     lacks is an error that lists the columns it has
     */
    public ResultSetReader(ResultSet rs, String watermarkColumn, JsonMapper json) throws SQLException {
        this.rs = rs;
        this.json = json;
        ResultSetMetaData meta = rs.getMetaData();
        int count = meta.getColumnCount();
        List<String> labels = new ArrayList<>(count);
        types = new int[count];
        typeNames = new String[count];
        for (int i = 0; i < count; i++) {
            String label = meta.getColumnLabel(i + 1);
            labels.add(label == null || label.isBlank() ? meta.getColumnName(i + 1) : label);
            types[i] = meta.getColumnType(i + 1);
            typeNames[i] = meta.getColumnTypeName(i + 1);
        }
        header = Collections.unmodifiableList(labels);
        rawNames = uniqueNames(labels);
        if (watermarkColumn == null) {
            watermarkIndex = -1;
            watermarkKind = null;
        } else {
            watermarkIndex = indexOf(labels, watermarkColumn);
            if (watermarkIndex < 0) {
                throw new PullFailedException("The watermark column '" + watermarkColumn
                        + "' is not in the query's result. Its columns are: " + String.join(", ", labels) + ".");
            }
            watermarkKind = Watermark.Kind.of(types[watermarkIndex], typeNames[watermarkIndex]);
        }
    }

    @Override
    public List<String> header() {
        return header;
    }

    @Override
    public Optional<Row> next() {
        if (done) {
            return Optional.empty();
        }
        try {
            if (!rs.next()) {
                done = true;
                return Optional.empty();
            }
            rowNumber++;
            List<String> values = new ArrayList<>(types.length);
            Map<String, String> raw = new LinkedHashMap<>();
            for (int i = 0; i < types.length; i++) {
                String value = value(i + 1, types[i], typeNames[i]);
                values.add(value);
                raw.put(rawNames.get(i), value);
            }
            if (watermarkIndex >= 0) {
                maxWatermark = Watermark.max(maxWatermark, Watermark.read(rs, watermarkIndex + 1, watermarkKind));
            }
            return Optional.of(new Row(rowNumber, values, json.writeValueAsString(raw)));
        } catch (SQLException e) {
            throw new PullFailedException(
                    "Reading row " + (rowNumber + 1) + " of the query's result failed: " + e.getMessage(), e);
        }
    }

    /** A pull has no file, so its progress shows in rows read, not bytes. */
    @Override
    public long bytesRead() {
        return 0;
    }

    /** The largest watermark of the rows read so far, or empty when no row had one. */
    public Optional<Watermark> maxWatermark() {
        return Optional.ofNullable(maxWatermark);
    }

    /** The kind of the watermark column, or null when the reader tracks none. */
    public Watermark.Kind watermarkKind() {
        return watermarkKind;
    }

    /** The statement and the connection belong to the caller, which closes them. */
    @Override
    public void close() {
        try {
            rs.close();
        } catch (SQLException e) {
            // closing a result set whose connection has failed can fail too; nothing is lost
        }
    }

    private String value(int column, int type, String typeName) throws SQLException {
        try {
            return switch (type) {
                case Types.TIMESTAMP -> {
                    if (Watermark.Kind.of(type, typeName) == Watermark.Kind.TIMESTAMP_TZ) {
                        yield offsetDateTime(column);
                    }
                    LocalDateTime v = rs.getObject(column, LocalDateTime.class);
                    yield v == null ? null : DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(v);
                }
                case Types.TIMESTAMP_WITH_TIMEZONE -> offsetDateTime(column);
                case Types.DATE -> {
                    LocalDate v = rs.getObject(column, LocalDate.class);
                    yield v == null ? null : v.toString();
                }
                case Types.TIME -> {
                    LocalTime v = rs.getObject(column, LocalTime.class);
                    yield v == null ? null : DateTimeFormatter.ISO_LOCAL_TIME.format(v);
                }
                case Types.DECIMAL, Types.NUMERIC -> {
                    BigDecimal v = rs.getBigDecimal(column);
                    yield v == null ? null : v.toPlainString();
                }
                case Types.REAL, Types.FLOAT, Types.DOUBLE -> {
                    double v = rs.getDouble(column);
                    if (rs.wasNull()) {
                        yield null;
                    }
                    yield Double.isFinite(v)
                            ? BigDecimal.valueOf(v).stripTrailingZeros().toPlainString()
                            : Double.toString(v);
                }
                case Types.BIT, Types.BOOLEAN -> {
                    Object v = rs.getObject(column);
                    if (v instanceof byte[] bits) {
                        yield new BigInteger(1, bits).toString();
                    }
                    yield v == null ? null : v.toString();
                }
                case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> {
                    byte[] v = rs.getBytes(column);
                    yield v == null ? null : Base64.getEncoder().encodeToString(v);
                }
                default -> rs.getString(column);
            };
        } catch (SQLException | RuntimeException e) {
            // a value the driver cannot convert (MariaDB's zero date, say) is still worth its text
            return rs.getString(column);
        }
    }

    private String offsetDateTime(int column) throws SQLException {
        OffsetDateTime v = rs.getObject(column, OffsetDateTime.class);
        return v == null ? null : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(v);
    }

    private static int indexOf(List<String> labels, String name) {
        int index = labels.indexOf(name);
        if (index >= 0) {
            return index;
        }
        for (int i = 0; i < labels.size(); i++) {
            if (labels.get(i).equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    private static List<String> uniqueNames(List<String> labels) {
        List<String> names = new ArrayList<>(labels.size());
        Set<String> seen = new HashSet<>();
        for (String label : labels) {
            String candidate = label;
            for (int n = 2; !seen.add(candidate.toLowerCase(Locale.ROOT)); n++) {
                candidate = label + "_" + n;
            }
            names.add(candidate);
        }
        return names;
    }
}
