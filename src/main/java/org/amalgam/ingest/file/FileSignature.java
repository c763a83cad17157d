package org.amalgam.ingest.file;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** What a file's first bytes say it is, whatever its name. */
record FileSignature(boolean zip, boolean ole2, int firstCharacter) {

    private static final byte[] OLE2 = {
        (byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1
    };

    static FileSignature of(Path file) {
        byte[] sample;
        try (InputStream in = Files.newInputStream(file)) {
            sample = in.readNBytes(TextSniffer.SAMPLE);
        } catch (IOException e) {
            throw new UnreadableFileException("The file could not be read: " + e.getMessage(), e);
        }
        TextSniffer.Encoding encoding = TextSniffer.encoding(sample, sample.length);
        String text = new String(
                sample, encoding.bomLength(), Math.max(0, sample.length - encoding.bomLength()), encoding.charset());
        int first = -1;
        for (int i = 0; i < text.length(); i++) {
            if (!Character.isWhitespace(text.charAt(i)) && text.charAt(i) != '\uFEFF') {
                first = text.charAt(i);
                break;
            }
        }
        return new FileSignature(isZip(sample), isOle2(sample), first);
    }

    /** A zip archive, as every .xlsx workbook is. */
    static boolean isZip(byte[] start) {
        return start.length >= 4 && start[0] == 'P' && start[1] == 'K' && start[2] == 3 && start[3] == 4;
    }

    /** An OLE2 compound file: an Excel 97-2003 workbook, or a password-protected .xlsx. */
    static boolean isOle2(byte[] start) {
        if (start.length < OLE2.length) {
            return false;
        }
        for (int i = 0; i < OLE2.length; i++) {
            if (start[i] != OLE2[i]) {
                return false;
            }
        }
        return true;
    }
}
