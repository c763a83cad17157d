package org.amalgam.ingest.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DecodingReaderTests {

    private static byte[] bytes(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object part : parts) {
            if (part instanceof String text) {
                out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
            } else {
                out.write((Integer) part);
            }
        }
        return out.toByteArray();
    }

    /** Reads in small pieces, so that characters and errors fall across buffer ends. */
    private static String readAll(Reader reader) throws IOException {
        StringBuilder text = new StringBuilder();
        char[] buffer = new char[3];
        for (int n = reader.read(buffer); n >= 0; n = reader.read(buffer)) {
            text.append(buffer, 0, n);
        }
        return text.toString();
    }

    private static DecodingReader reader(byte[] content, Charset charset, boolean provisional) {
        return new DecodingReader(new ByteArrayInputStream(content), charset, provisional);
    }

    @Test
    void plainAsciiThenAByteThatIsNotUtf8IsReadAsWindows1252FromTheStart() throws IOException {
        DecodingReader reader = reader(bytes("id;name\n1;M", 0xFC, "ller ", 0x80, "\n"), StandardCharsets.UTF_8, true);

        assertThat(readAll(reader)).isEqualTo("id;name\n1;Müller €\n");
        assertThat(reader.charset()).isEqualTo(DecodingReader.WINDOWS_1252);
        assertThat(reader.replacedBefore(Long.MAX_VALUE)).isFalse();
    }

    @Test
    void plainAsciiThenValidUtf8StaysUtf8AndALaterStrayByteIsReplacedAndRemembered() throws IOException {
        DecodingReader reader = reader(bytes("a\nZoë\nM", 0xFC, "ller\n"), StandardCharsets.UTF_8, true);

        String text = readAll(reader);

        assertThat(text).isEqualTo("a\nZoë\nM\uFFFDller\n");
        assertThat(reader.charset()).isEqualTo(StandardCharsets.UTF_8);
        int position = text.indexOf('\uFFFD');
        assertThat(reader.replacedBefore(position)).as("nothing before it").isFalse();
        assertThat(reader.replacedBefore(position + 1)).isTrue();
        assertThat(reader.replacedBefore(Long.MAX_VALUE))
                .as("each replacement is told once")
                .isFalse();
    }

    @Test
    void aSettledEncodingReplacesEveryInvalidSequenceWithoutFailing() throws IOException {
        DecodingReader reader = reader(bytes("é", 0xC3, "x", 0xE2, 0x82), StandardCharsets.UTF_8, false);

        assertThat(readAll(reader)).isEqualTo("é\uFFFDx\uFFFD");
        assertThat(reader.position()).isEqualTo(4);
    }

    @Test
    void multiByteCharactersAcrossBufferEndsAreDecodedWhole() throws IOException {
        String text = "€".repeat(100_000);

        assertThat(readAll(reader(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8, false)))
                .isEqualTo(text);
    }
}
