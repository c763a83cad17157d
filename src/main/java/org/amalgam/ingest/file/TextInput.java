package org.amalgam.ingest.file;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A text file opened for reading: its encoding found from its first bytes, its byte-order mark skipped, binary data
 * refused, and the bytes read counted for progress.
 */
final class TextInput implements Closeable {

    /**
     * The longest row any text reader takes: far above any real record (a 10 MB field is fine), low enough that a quote
     * that is never closed cannot fill the memory.
     */
    static final int MAX_ROW_CHARS = 32 * 1024 * 1024;

    static final String MAX_ROW_SIZE = "32 MB";

    private final CountingInputStream counter;
    private final DecodingReader reader;
    private final String sample;

    private TextInput(CountingInputStream counter, DecodingReader reader, String sample) {
        this.counter = counter;
        this.reader = reader;
        this.sample = sample;
    }

    /**
     * Opens the file.
     *
     * @param format what the file is read as, for the message when it is not text, e.g. "CSV"
     */
    static TextInput open(Path file, String format) {
        InputStream in;
        try {
            in = Files.newInputStream(file);
        } catch (IOException e) {
            throw new UnreadableFileException("The file could not be read: " + e.getMessage(), e);
        }
        try {
            BufferedInputStream buffered = new BufferedInputStream(in, TextSniffer.SAMPLE);
            buffered.mark(TextSniffer.SAMPLE);
            byte[] bytes = new byte[TextSniffer.SAMPLE];
            int length = buffered.readNBytes(bytes, 0, bytes.length);
            buffered.reset();
            TextSniffer.Encoding encoding = TextSniffer.encoding(bytes, length);
            if (TextSniffer.looksBinary(bytes, length, encoding.charset())) {
                throw new UnreadableFileException(notText(bytes, length, format));
            }
            buffered.skipNBytes(encoding.bomLength());
            String sample = new String(
                    bytes, encoding.bomLength(), Math.max(0, length - encoding.bomLength()), encoding.charset());
            CountingInputStream counter = new CountingInputStream(buffered);
            return new TextInput(
                    counter, new DecodingReader(counter, encoding.charset(), encoding.provisional()), sample);
        } catch (IOException e) {
            close(in);
            throw new UnreadableFileException("The file could not be read: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            close(in);
            throw e;
        }
    }

    private static String notText(byte[] bytes, int length, String format) {
        String message = "The file is not a text file (it holds binary data), so it cannot be read as " + format + ".";
        if (FileSignature.isZip(bytes)) {
            return message + " It is a zip archive, such as an Excel workbook: upload a workbook with its .xlsx name.";
        }
        return message + " Upload a CSV, TSV, JSON, NDJSON or Excel (.xlsx) file, named by its format.";
    }

    /** Why a row that holds bytes that are not text in the file's encoding is rejected. */
    static String notValidText(Charset charset) {
        return "the row holds bytes that are not valid " + charset.displayName()
                + " text (shown as \uFFFD): the file mixes character encodings. Save it as UTF-8 and send this row"
                + " again.";
    }

    private static void close(Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException ignored) {
            // the file is refused already; that message matters more
        }
    }

    /** The decoded characters, from after the byte-order mark. */
    DecodingReader reader() {
        return reader;
    }

    /** The first 64 KB decoded, for guesses such as the delimiter. */
    String sample() {
        return sample;
    }

    long bytesRead() {
        return counter.count();
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
