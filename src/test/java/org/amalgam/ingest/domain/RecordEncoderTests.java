package org.amalgam.ingest.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class RecordEncoderTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final List<String> AWKWARD = List.of(
            "plain",
            "tab\there",
            "new\nline and\r return",
            "back\\slash \\N",
            "quote \" inside",
            "bell \u0007 and \u001f, form\ffeed\b",
            "Müller Straße",
            "日本語",
            "emoji \uD83D\uDE00",
            "nul\0inside",
            "");

    private static final List<String> HEADER = List.of("id", "zz_name", "ä", "b", "a_long_column_name", "Ab");

    private static final List<String> ATTRIBUTES = List.of("first_name", "last_name", "city", "ä", "email");

    private final RecordEncoder encoder = new RecordEncoder(HEADER, ATTRIBUTES, JSON);

    private static List<String> values(String value) {
        return Arrays.asList("k1", value, value, "x", null, value);
    }

    private static Map<String, Object> attributes(String value) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("first_name", value);
        attributes.put("ä", value);
        attributes.put("city", "Köln");
        return attributes;
    }

    /** The raw payload as the pipeline built it before: header names to cleaned values, absent fields left out. */
    private static Map<String, Object> rawMap(List<String> values) {
        Map<String, Object> raw = new LinkedHashMap<>();
        for (int i = 0; i < HEADER.size(); i++) {
            if (values.get(i) != null) {
                raw.put(HEADER.get(i), RowStandardizer.clean(values.get(i)));
            }
        }
        return raw;
    }

    @Test
    void theDocumentsHoldTheSameValuesAndTheHashIsTheOneTheDatabasePrints() {
        for (String value : AWKWARD) {
            List<String> values = values(value);
            SourceRecordWriter.Input input = encoder.input("k1", values, attributes(value), List.of());

            Map<String, Object> raw = rawMap(values);
            Map<String, Object> cleanAttributes = new LinkedHashMap<>();
            attributes(value).forEach((k, v) -> cleanAttributes.put(k, RowStandardizer.clean((String) v)));
            assertThat(JSON.readValue(input.rawJson(), Map.class)).as(value).isEqualTo(raw);
            assertThat(JSON.readValue(input.attributesJson(), Map.class))
                    .as(value)
                    .isEqualTo(cleanAttributes);
            assertThat(input.contentHash())
                    .as("hashed as ContentHash hashes the maps, for %s", value)
                    .isEqualTo(ContentHash.of(raw, cleanAttributes));
            assertThat(input.issuesJson()).isEqualTo("[]");
        }
    }

    @Test
    void keysAreInJsonbOrder() {
        SourceRecordWriter.Input input = encoder.input("k1", values("v"), attributes("v"), List.of());

        assertThat(input.rawJson())
                .isEqualTo("{\"b\": \"x\", \"Ab\": \"v\", \"id\": \"k1\", \"ä\": \"v\", \"zz_name\": \"v\"}");
        assertThat(input.attributesJson()).isEqualTo("{\"ä\": \"v\", \"city\": \"Köln\", \"first_name\": \"v\"}");
    }

    @Test
    void aCopyRowCarriesTheSameDocumentsEscapedForCopy() {
        for (String value : AWKWARD) {
            List<StandardizedRow.Flag> flags = value.isEmpty()
                    ? List.of(new StandardizedRow.Flag("email", "'x\ty' is not an email address"))
                    : List.of();
            SourceRecordWriter.Input text = encoder.input("k\t1", values(value), attributes(value), flags);
            SourceRecordWriter.Input copy = encoder.copyRow("k\t1", values(value), attributes(value), flags);

            assertThat(copy.sourceKey()).isEqualTo("k\t1");
            String line = new String(copy.copyRow(), StandardCharsets.UTF_8);
            assertThat(line).endsWith("\n");
            List<String> fields = new ArrayList<>();
            for (String field : line.substring(0, line.length() - 1).split("\t", -1)) {
                fields.add(unescapeCopy(field));
            }
            assertThat(fields)
                    .as(value)
                    .containsExactly(
                            "k\t1", text.rawJson(), text.attributesJson(), text.issuesJson(), text.contentHash());
        }
    }

    @Test
    void aValueThatIsNotTextIsLeftToTheDatabaseToHash() {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("first_name", 42);
        SourceRecordWriter.Input input = encoder.input("k1", values("v"), attributes, List.of());

        assertThat(input.contentHash()).isNull();
        assertThat(JSON.readValue(input.attributesJson(), Map.class)).isEqualTo(Map.of("first_name", 42));
        String line = new String(
                encoder.copyRow("k1", values("v"), attributes, List.of()).copyRow(), StandardCharsets.UTF_8);
        assertThat(line).endsWith("\t\\N\n");
    }

    /** COPY's text format: a backslash escapes the next character (n, r, t or itself here). */
    private static String unescapeCopy(String field) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\') {
                char next = field.charAt(++i);
                out.append(
                        switch (next) {
                            case 'n' -> '\n';
                            case 'r' -> '\r';
                            case 't' -> '\t';
                            default -> next;
                        });
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
