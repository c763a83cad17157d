package org.amalgam.ingest.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TextSnifferTests {

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(
            delimiter = '~',
            quoteCharacter = '`',
            textBlock =
                    """
            id,name,email                     ~ ,
            id;name;email                     ~ ;
            id|name|email                     ~ |
            `id\tname\temail`                 ~ `\t`
            id;name,with comma;email          ~ ;
            "a,b";"c,d";e                     ~ ;
            "a;b;c;d",e,f                     ~ ,
            single                            ~ ,
            """)
    void theDelimiterIsTheOneThatSplitsTheHeaderMostOutsideQuotes(String firstLine, String delimiter) {
        assertThat(TextSniffer.delimiter(firstLine.replace("\\t", "\t")))
                .isEqualTo(delimiter.replace("\\t", "\t").charAt(0));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            UTF-8 with BOM           | EFBBBF69642C6E616D65 | UTF-8        | 3
            UTF-16LE with BOM        | FFFE690064002C00     | UTF-16LE     | 2
            UTF-16BE with BOM        | FEFF00690064002C     | UTF-16BE     | 2
            plain ASCII              | 69642C6E616D65       | UTF-8        | 0
            UTF-8 umlaut             | 4DC3BC6C6C6572       | UTF-8        | 0
            Windows-1252 umlaut      | 4DFC6C6C6572         | windows-1252 | 0
            Windows-1252 euro        | 3520 80              | windows-1252 | 0
            """)
    void theEncodingComesFromTheByteOrderMarkElseFromWhetherTheBytesAreUtf8(
            String description, String hex, String charset, int bomLength) {
        byte[] sample = bytes(hex);

        TextSniffer.Encoding encoding = TextSniffer.encoding(sample, sample.length);

        assertThat(encoding.charset()).isEqualTo(Charset.forName(charset));
        assertThat(encoding.bomLength()).isEqualTo(bomLength);
    }

    @Test
    void aMultiByteCharacterCutAtTheEndOfTheSampleIsStillUtf8() {
        byte[] sample = new byte[TextSniffer.SAMPLE];
        Arrays.fill(sample, (byte) 'a');
        sample[sample.length - 2] = (byte) 0xE2; // the first two bytes of the three-byte '€'
        sample[sample.length - 1] = (byte) 0x82;

        assertThat(TextSniffer.encoding(sample, sample.length).charset()).isEqualTo(StandardCharsets.UTF_8);
    }

    @Test
    void textIsNotBinary() {
        byte[] text = "id,name\r\n1,Ann\t\r\n".getBytes(StandardCharsets.UTF_8);

        assertThat(TextSniffer.looksBinary(text, text.length, StandardCharsets.UTF_8))
                .isFalse();
    }

    @Test
    void aNulByteMakesBinary() {
        byte[] data = "id,name\n1,A\0nn\n".getBytes(StandardCharsets.UTF_8);

        assertThat(TextSniffer.looksBinary(data, data.length, StandardCharsets.UTF_8))
                .isTrue();
    }

    @Test
    void manyControlCharactersMakeBinary() {
        byte[] data = new byte[100];
        Arrays.fill(data, (byte) 'a');
        for (int i = 0; i < 10; i++) {
            data[i * 10] = 0x01;
        }

        assertThat(TextSniffer.looksBinary(data, data.length, StandardCharsets.UTF_8))
                .isTrue();
    }

    @Test
    void utf16IsNeverTakenForBinaryDespiteItsZeroBytes() {
        byte[] data = "id,name".getBytes(StandardCharsets.UTF_16LE);

        assertThat(TextSniffer.looksBinary(data, data.length, StandardCharsets.UTF_16LE))
                .isFalse();
    }

    private static byte[] bytes(String hex) {
        String digits = hex.replace(" ", "");
        byte[] bytes = new byte[digits.length() / 2];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) Integer.parseInt(digits.substring(2 * i, 2 * i + 2), 16);
        }
        return bytes;
    }
}
