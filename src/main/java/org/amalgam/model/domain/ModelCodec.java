package org.amalgam.model.domain;

import java.util.HashMap;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/**
 * Reads and writes model documents as YAML or JSON, and remembers on which line each field stood, so that an error
 * can name the line and the field.
 */
public final class ModelCodec {

    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(YAMLWriteFeature.MINIMIZE_QUOTES)
            .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
            .build();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ModelCodec() {}

    /** A parsed document and the line of every JSON pointer in it. */
    public record Parsed(JsonNode root, Map<String, Integer> lines) {

        public Integer line(String pointer) {
            String p = pointer;
            while (true) {
                Integer line = lines.get(p);
                if (line != null || p.isEmpty()) {
                    return line;
                }
                p = p.substring(0, Math.max(0, p.lastIndexOf('/')));
            }
        }
    }

    /** The document cannot be parsed at all: a syntax error at a line and column. */
    public static final class SyntaxError extends RuntimeException {
        private final int line;
        private final int column;

        SyntaxError(String message, int line, int column) {
            super(message);
            this.line = line;
            this.column = column;
        }

        public int line() {
            return line;
        }

        public int column() {
            return column;
        }
    }

    public static Parsed parse(String text, boolean yaml) {
        ObjectMapper mapper = yaml ? YAML : JSON;
        Map<String, Integer> lines = new HashMap<>();
        try (JsonParser parser = mapper.createParser(text)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                String pointer = parser.streamReadContext().pathAsPointer().toString();
                if (token == JsonToken.PROPERTY_NAME || token == JsonToken.START_OBJECT || token.isScalarValue()) {
                    lines.putIfAbsent(pointer, parser.currentTokenLocation().getLineNr());
                }
            }
            JsonNode root = mapper.readTree(text);
            return new Parsed(root, lines);
        } catch (JacksonException e) {
            var location = e.getLocation();
            String message = e.getOriginalMessage();
            int line = location == null ? 0 : location.getLineNr();
            int column = location == null ? 0 : location.getColumnNr();
            throw new SyntaxError(
                    message == null ? "unreadable" : message.lines().findFirst().orElse(message), line, column);
        }
    }

    public static String toYaml(Object document) {
        return YAML.writeValueAsString(document);
    }

    public static String toJson(Object document) {
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(document);
    }

    public static Map<String, Object> toMap(JsonNode node) {
        @SuppressWarnings("unchecked")
        Map<String, Object> map = JSON.convertValue(node, Map.class);
        return map;
    }
}
