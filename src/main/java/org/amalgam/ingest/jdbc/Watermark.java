package org.amalgam.ingest.jdbc;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The largest value of a pull's watermark column that a completed run has seen, kept as text with the kind of column
 * it came from, so that the next run binds it with the column's own type and compares it the way the database does.
 */
public record Watermark(Kind kind, String value) implements Comparable<Watermark> {

    /** The kinds of column a watermark can come from. */
    public enum Kind {
        TIMESTAMP,
        TIMESTAMP_TZ,
        DATE,
        NUMBER,
        TEXT;

        static Kind of(int sqlType, String typeName) {
            String name = typeName == null ? "" : typeName.toLowerCase(Locale.ROOT);
            return switch (sqlType) {
                case Types.TIMESTAMP_WITH_TIMEZONE -> TIMESTAMP_TZ;
                case Types.TIMESTAMP -> name.contains("tz") || name.contains("time zone") ? TIMESTAMP_TZ : TIMESTAMP;
                case Types.DATE -> DATE;
                case Types.TINYINT,
                        Types.SMALLINT,
                        Types.INTEGER,
                        Types.BIGINT,
                        Types.DECIMAL,
                        Types.NUMERIC,
                        Types.REAL,
                        Types.FLOAT,
                        Types.DOUBLE -> NUMBER;
                default -> TEXT;
            };
        }
    }

    /** The value of the column in the current row, or null where it is SQL NULL. */
    static Watermark read(ResultSet rs, int column, Kind kind) throws SQLException {
        String value =
                switch (kind) {
                    case TIMESTAMP -> {
                        LocalDateTime v = rs.getObject(column, LocalDateTime.class);
                        yield v == null ? null : DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(v);
                    }
                    case TIMESTAMP_TZ -> {
                        OffsetDateTime v = rs.getObject(column, OffsetDateTime.class);
                        yield v == null ? null : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(v);
                    }
                    case DATE -> {
                        LocalDate v = rs.getObject(column, LocalDate.class);
                        yield v == null ? null : v.toString();
                    }
                    case NUMBER -> {
                        BigDecimal v = rs.getBigDecimal(column);
                        yield v == null ? null : v.toPlainString();
                    }
                    case TEXT -> rs.getString(column);
                };
        return value == null ? null : new Watermark(kind, value);
    }

    /** Binds this value as a parameter of the column's type, never as text spliced into the SQL. */
    void bind(PreparedStatement statement, int index) throws SQLException {
        switch (kind) {
            case TIMESTAMP -> statement.setObject(index, LocalDateTime.parse(value));
            case TIMESTAMP_TZ -> statement.setObject(index, OffsetDateTime.parse(value));
            case DATE -> statement.setObject(index, LocalDate.parse(value));
            case NUMBER -> statement.setBigDecimal(index, new BigDecimal(value));
            case TEXT -> statement.setString(index, value);
        }
    }

    /** Values of one kind compare as the database compares them (text: by code point, not by collation). */
    @Override
    public int compareTo(Watermark other) {
        if (kind != other.kind) {
            throw new IllegalArgumentException("Cannot compare a " + kind + " watermark with a " + other.kind + " one");
        }
        return switch (kind) {
            case TIMESTAMP -> LocalDateTime.parse(value).compareTo(LocalDateTime.parse(other.value));
            case TIMESTAMP_TZ ->
                OffsetDateTime.parse(value)
                        .toInstant()
                        .compareTo(OffsetDateTime.parse(other.value).toInstant());
            case DATE -> LocalDate.parse(value).compareTo(LocalDate.parse(other.value));
            case NUMBER -> new BigDecimal(value).compareTo(new BigDecimal(other.value));
            case TEXT -> value.compareTo(other.value);
        };
    }

    /** The larger of two watermarks, either of which may be null. */
    static Watermark max(Watermark a, Watermark b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return a.compareTo(b) >= 0 ? a : b;
    }
}
