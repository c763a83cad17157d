package org.amalgam.ingest.file;

import com.github.pjfanning.xlsx.StreamingReader;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.apache.commons.csv.CSVFormat;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.FormulaError;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellReference;

/**
 * An Excel workbook (.xlsx), streamed row by row from one sheet (the first unless named): the first row that is not
 * empty is the header. Cells become text as a person reads them: dates as {@code yyyy-MM-dd}, date-times as
 * {@code yyyy-MM-ddTHH:mm:ss}, numbers without a spurious {@code .0} or exponent, formulas as their cached value, empty
 * cells as null.
 *
 * <p>Memory holds a few rows, plus the workbook's table of distinct texts (Excel keeps every text once, in one shared
 * table), which is why a workbook whose shared texts would not fit safely in memory is refused.
 */
public final class XlsxReader implements TabularReader {

    static {
        // a workbook is a zip archive: refuse one that inflates far beyond its size (a "zip bomb") or holds absurd
        // parts
        ZipSecureFile.setMinInflateRatio(0.01);
        ZipSecureFile.setMaxEntrySize(0xFFFFFFFFL);
        ZipSecureFile.setMaxFileCount(10_000);
    }

    static final String NOT_A_WORKBOOK = "The file is not an Excel workbook (.xlsx)";
    static final String OLD_EXCEL = "The file is an Excel 97-2003 workbook (.xls) or a password-protected workbook,"
            + " which cannot be read. Open it in Excel and save it as an Excel workbook (.xlsx) without a password, or"
            + " as CSV, and upload that.";

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final Map<Integer, Optional<String>> dateFormats = new HashMap<>();
    private final Workbook workbook;
    private final Iterator<org.apache.poi.ss.usermodel.Row> rows;
    private final List<String> header;
    private final int firstColumn;
    private final long fileSize;
    private final int lastRowIndex;
    private int rowIndex;
    private long number;
    private boolean done;

    private XlsxReader(Path file, String sheetName) throws IOException {
        this.fileSize = Files.size(file);
        refuseWhatIsNoWorkbook(file);
        this.workbook = openWorkbook(file);
        try {
            Sheet sheet = sheet(workbook, sheetName);
            this.rows = sheet.rowIterator();
            this.lastRowIndex = Math.max(0, sheet.getLastRowNum());
            List<String> names = null;
            org.apache.poi.ss.usermodel.Row first = null;
            while (names == null && hasNext()) {
                first = rows.next();
                List<String> cells = cells(first);
                if (!cells.isEmpty()) {
                    names = cells;
                }
            }
            if (names == null) {
                throw new UnreadableFileException("The sheet '" + sheet.getSheetName()
                        + "' of the workbook is empty: it needs a header row and at least one row.");
            }
            rowIndex = first.getRowNum();
            int from = 0;
            while (names.get(from) == null) {
                from++;
            }
            this.firstColumn = from;
            List<String> cleaned = new ArrayList<>();
            for (String name : names.subList(from, names.size())) {
                cleaned.add(name == null ? "" : name.strip());
            }
            this.header = List.copyOf(cleaned);
        } catch (RuntimeException e) {
            workbook.close();
            throw translate(e);
        }
    }

    /**
     * Opens the workbook's sheet: the first when {@code sheetName} is null. A file that is no workbook throws
     * {@link UnreadableFileException} that says what it is instead.
     */
    public static XlsxReader open(Path file, String sheetName) {
        try {
            return new XlsxReader(file, sheetName);
        } catch (IOException e) {
            throw new UnreadableFileException(NOT_A_WORKBOOK + ": it could not be read (" + e.getMessage() + ").", e);
        }
    }

    private static void refuseWhatIsNoWorkbook(Path file) throws IOException {
        byte[] start;
        try (InputStream in = Files.newInputStream(file)) {
            start = in.readNBytes(8);
        }
        if (FileSignature.isOle2(start)) {
            throw new UnreadableFileException(OLD_EXCEL);
        }
        if (!FileSignature.isZip(start)) {
            throw new UnreadableFileException(NOT_A_WORKBOOK + ": it is not even a zip archive, as every workbook is"
                    + " (a CSV file named .xlsx, perhaps). Upload it with the name of its format, such as .csv.");
        }
        long sharedText = 0;
        boolean workbookPart = false;
        try (ZipFile zip = new ZipFile(file.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                String name = entry.getName().toLowerCase(Locale.ROOT);
                if (name.endsWith("sharedstrings.xml")) {
                    sharedText += Math.max(0, entry.getSize());
                }
                if (name.equals("[content_types].xml")) {
                    workbookPart = true;
                }
            }
        } catch (IOException e) {
            throw new UnreadableFileException(NOT_A_WORKBOOK + ": it is a broken zip archive (" + e.getMessage()
                    + "). Save the workbook again and upload it.");
        }
        if (!workbookPart) {
            throw new UnreadableFileException(NOT_A_WORKBOOK + ": it is a zip archive of other files. Upload the"
                    + " workbook itself, or the file inside the archive.");
        }
        long limit = Runtime.getRuntime().maxMemory() / 8;
        if (sharedText > limit) {
            throw new UnreadableFileException(
                    "The workbook holds " + sharedText / (1024 * 1024)
                            + " MB of distinct text, more than can be read safely at once (" + limit / (1024 * 1024)
                            + " MB). Save the sheet as CSV (UTF-8) and upload that: a CSV file of any size is read row by row.");
        }
    }

    private static Workbook openWorkbook(Path file) {
        try {
            return StreamingReader.builder()
                    .rowCacheSize(100)
                    .bufferSize(1 << 16)
                    .setReadComments(false)
                    .setReadHyperlinks(false)
                    .setReadShapes(false)
                    .setReadCoreProperties(false)
                    .setReadSharedFormulas(false)
                    .open(file.toFile());
        } catch (RuntimeException e) {
            throw translate(e);
        }
    }

    private static Sheet sheet(Workbook workbook, String name) {
        if (workbook.getNumberOfSheets() == 0) {
            throw new UnreadableFileException("The workbook has no sheet.");
        }
        if (name == null) {
            return workbook.getSheetAt(0);
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < workbook.getNumberOfSheets(); i++) {
            if (workbook.getSheetName(i).equals(name)) {
                return workbook.getSheetAt(i);
            }
            names.add(workbook.getSheetName(i));
        }
        throw new UnreadableFileException(
                "The workbook has no sheet '" + name + "'; its sheets are: " + String.join(", ", names) + ".");
    }

    /** Whatever the library or POI throws about the file, as a message about the file. */
    private static RuntimeException translate(RuntimeException e) {
        if (e instanceof UnreadableFileException) {
            return e;
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            String message = String.valueOf(cause.getMessage());
            if (message.contains("Zip bomb") || message.contains("max entry size") || message.contains("file count")) {
                return new UnreadableFileException(
                        NOT_A_WORKBOOK + " that can be read safely: it expands to far more data than its size (as a"
                                + " \"zip bomb\" does). Save the sheet as CSV and upload that.",
                        e);
            }
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return new UnreadableFileException(
                NOT_A_WORKBOOK + ", or it is damaged: " + root.getMessage()
                        + ". Open it in Excel, save it as .xlsx again, and upload that.",
                e);
    }

    private boolean hasNext() {
        try {
            return rows.hasNext();
        } catch (RuntimeException e) {
            throw translate(e);
        }
    }

    /** The text of each cell from column A to the last cell that is not empty; empty when the row is. */
    private List<String> cells(org.apache.poi.ss.usermodel.Row row) {
        List<String> values = new ArrayList<>();
        int last = -1;
        for (Cell cell : row) {
            String text = text(cell);
            if (text == null) {
                continue;
            }
            int column = cell.getColumnIndex();
            while (values.size() <= column) {
                values.add(null);
            }
            values.set(column, text);
            last = Math.max(last, column);
        }
        return last < 0 ? List.of() : values.subList(0, last + 1);
    }

    /** A cell as a person reads it; null when it is empty. */
    String text(Cell cell) {
        CellType type = cell.getCellType();
        if (type == CellType.FORMULA) {
            type = cell.getCachedFormulaResultType();
        }
        return switch (type) {
            case STRING -> {
                String text = cell.getStringCellValue();
                yield text == null || text.isEmpty() ? null : text;
            }
            case NUMERIC -> {
                double value = cell.getNumericCellValue();
                String format = dateFormat(cell);
                yield format != null && DateUtil.isValidExcelDate(value) ? dateText(cell, format) : numberText(value);
            }
            case BOOLEAN -> cell.getBooleanCellValue() ? "true" : "false";
            case ERROR -> errorText(cell);
            default -> null;
        };
    }

    /** An error such as {@code #DIV/0!}, as the cell shows it. */
    private static String errorText(Cell cell) {
        try {
            return FormulaError.forInt(cell.getErrorCellValue()).getString();
        } catch (RuntimeException e) {
            // a streamed formula cell keeps its cached error as text, after a prefix of the library's
            String text = cell.getStringCellValue();
            return text.startsWith("ERROR:") ? text.substring("ERROR:".length()).strip() : text;
        }
    }

    /**
     * 42 rather than 42.0, 12345678901 rather than 1.2345678901E10, and 15 significant digits as Excel shows them (0.3,
     * not the 0.30000000000000004 that 0.1 + 0.2 stores).
     */
    static String numberText(double value) {
        if (value == 0) {
            return "0";
        }
        return BigDecimal.valueOf(value)
                .round(EXCEL_PRECISION)
                .stripTrailingZeros()
                .toPlainString();
    }

    private static final MathContext EXCEL_PRECISION = new MathContext(15, RoundingMode.HALF_EVEN);

    /** The number format of the cell's style when it shows a date or time, else null; looked up once per style. */
    private String dateFormat(Cell cell) {
        CellStyle style = cell.getCellStyle();
        if (style == null) {
            return null;
        }
        return dateFormats
                .computeIfAbsent((int) style.getIndex(), index -> {
                    String format = style.getDataFormatString();
                    return Optional.ofNullable(DateUtil.isADateFormat(style.getDataFormat(), format) ? format : null);
                })
                .orElse(null);
    }

    private static String dateText(Cell cell, String format) {
        LocalDateTime value = cell.getLocalDateTimeCellValue();
        boolean time = hasTime(format);
        if (time && cell.getNumericCellValue() < 1 && !hasDate(format)) {
            return value.format(TIME);
        }
        return time ? value.format(DATE_TIME) : value.toLocalDate().toString();
    }

    /** Whether a number format shows the time of day: hours or seconds outside quoted text and [colour] sections. */
    private static boolean hasTime(String format) {
        return containsOutsideQuotes(format, "hHsS");
    }

    private static boolean hasDate(String format) {
        return containsOutsideQuotes(format, "yYdD");
    }

    private static boolean containsOutsideQuotes(String format, String letters) {
        if (format == null) {
            return false;
        }
        boolean quoted = false;
        boolean bracket = false;
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && c == '[') {
                bracket = true;
            } else if (!quoted && c == ']') {
                bracket = false;
            } else if (!quoted && !bracket && c == '\\') {
                i++;
            } else if (!quoted && !bracket && letters.indexOf(c) >= 0) {
                return true;
            }
        }
        return false;
    }

    @Override
    public List<String> header() {
        return header;
    }

    @Override
    public Optional<Row> next() {
        while (!done) {
            if (!hasNext()) {
                done = true;
                break;
            }
            org.apache.poi.ss.usermodel.Row row;
            List<String> cells;
            try {
                row = rows.next();
                cells = cells(row);
            } catch (RuntimeException e) {
                throw translate(e);
            }
            rowIndex = row.getRowNum();
            if (cells.isEmpty()) {
                continue;
            }
            number++;
            return Optional.of(toRow(row.getRowNum(), cells));
        }
        return Optional.empty();
    }

    private Row toRow(int sheetRow, List<String> cells) {
        List<String> values = new ArrayList<>(header.size());
        String outside = null;
        for (int column = 0; column < cells.size(); column++) {
            String value = cells.get(column);
            int index = column - firstColumn;
            if (index >= 0 && index < header.size()) {
                values.add(value);
            } else if (value != null && outside == null) {
                outside = CellReference.convertNumToColString(column) + (sheetRow + 1);
            }
        }
        while (values.size() < header.size()) {
            values.add(null);
        }
        if (outside != null) {
            String raw = CSVFormat.RFC4180.format(cells.toArray());
            String span = CellReference.convertNumToColString(firstColumn) + " to "
                    + CellReference.convertNumToColString(firstColumn + header.size() - 1);
            return new Row(
                    number,
                    values,
                    raw,
                    "the row has a value in cell " + outside + ", outside the columns of the header (" + span + ")");
        }
        return new Row(number, values, CSVFormat.RFC4180.format(values.toArray()));
    }

    /** An estimate: the share of the sheet's rows read so far, as bytes of the file. */
    @Override
    public long bytesRead() {
        if (done) {
            return fileSize;
        }
        if (lastRowIndex <= 0) {
            return 0;
        }
        return Math.min(fileSize - 1, fileSize * Math.min(rowIndex, lastRowIndex) / lastRowIndex);
    }

    @Override
    public void close() throws IOException {
        workbook.close();
    }
}
