package org.amalgam;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.amalgam.golden.DryRunReport;
import org.amalgam.ingest.ImportStatus;
import org.amalgam.match.Matching;
import org.amalgam.stewardship.ReviewTasks;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps {@code messages.properties} in sync with the templates and the code that uses it (the idea of
 * spring-petclinic's I18nPropertiesSyncTest): a key that is missing shows up on a page as {@code ??key_en??}.
 */
class MessagesTests {

    private static final Path TEMPLATES = Path.of("src/main/resources/templates");
    private static final Path MESSAGES = Path.of("src/main/resources/messages.properties");
    private static final Path MAIN_JAVA = Path.of("src/main/java");

    /** {@code #{key}}, {@code #{key(${arg})}} or a key built at run time, {@code #{'prefix.' + ${expression}}}. */
    private static final Pattern MESSAGE_EXPRESSION = Pattern.compile("#\\{\\s*([^}]*)}");

    private static final Pattern STATIC_KEY = Pattern.compile("([A-Za-z0-9_.-]+)\\s*(\\(.*)?");
    private static final Pattern BUILT_KEY = Pattern.compile("'([A-Za-z0-9_.-]*)'\\s*\\+.*");

    /** Bean Validation messages that name a key: {@code message = "{source.code.required}"}. */
    private static final Pattern VALIDATION_MESSAGE = Pattern.compile("message\\s*=\\s*\"\\{([A-Za-z0-9_.-]+)}\"");

    /** The values a key built at run time can end with, by its prefix. */
    private static final Map<String, List<String>> BUILT_KEY_ENDINGS = Map.of(
            "imports.status.",
            Arrays.stream(ImportStatus.values()).map(Enum::name).toList(),
            "golden.diff.",
            List.of("ADDED", "REMOVED", "CHANGED", "LINEAGE"),
            "tasks.kind.",
            ReviewTasks.KINDS,
            "tasks.status.",
            ReviewTasks.STATUSES,
            "rematch.",
            DryRunReport.OUTCOME_COUNTS,
            "rematch.samples.",
            DryRunReport.OUTCOMES,
            "rematch.weights.",
            Arrays.stream(Matching.WeightsSource.values()).map(Enum::name).toList());

    private static Properties messages;
    private static Map<Path, String> templates;

    @BeforeAll
    static void readMessagesAndTemplates() throws IOException {
        messages = new Properties();
        try (Reader reader = Files.newBufferedReader(MESSAGES, StandardCharsets.UTF_8)) {
            messages.load(reader);
        }
        templates = new TreeMap<>();
        try (Stream<Path> files = Files.walk(TEMPLATES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".html")).toList()) {
                templates.put(TEMPLATES.relativize(file), Files.readString(file, StandardCharsets.UTF_8));
            }
        }
    }

    /** Every message expression of every template, as written between the braces, with the template it is in. */
    private static List<Map.Entry<Path, String>> messageExpressions() {
        List<Map.Entry<Path, String>> expressions = new ArrayList<>();
        templates.forEach((file, html) -> {
            Matcher matcher = MESSAGE_EXPRESSION.matcher(html);
            while (matcher.find()) {
                expressions.add(Map.entry(file, matcher.group(1).strip()));
            }
        });
        return expressions;
    }

    @Test
    void everyMessageKeyOfTheTemplatesExists() {
        Set<String> used = new TreeSet<>();
        Set<String> missing = new TreeSet<>();
        Set<String> unreadable = new TreeSet<>();
        for (Map.Entry<Path, String> expression : messageExpressions()) {
            Matcher key = STATIC_KEY.matcher(expression.getValue());
            if (key.matches()) {
                used.add(key.group(1));
                if (!messages.containsKey(key.group(1))) {
                    missing.add(expression.getKey() + ": " + key.group(1));
                }
            } else if (!BUILT_KEY.matcher(expression.getValue()).matches()) {
                unreadable.add(expression.getKey() + ": #{" + expression.getValue() + "}");
            }
        }

        assertThat(used).as("the templates' message keys were found").hasSizeGreaterThan(50);
        assertThat(unreadable)
                .as("message expressions this test cannot read; teach it their form")
                .isEmpty();
        assertThat(missing)
                .as("keys the templates use that %s does not define", MESSAGES)
                .isEmpty();
    }

    @Test
    void everyKeyThatATemplateBuildsAtRunTimeExistsForEveryValue() {
        Set<String> missing = new TreeSet<>();
        Set<String> unknownPrefixes = new TreeSet<>();
        int checked = 0;
        for (Map.Entry<Path, String> expression : messageExpressions()) {
            Matcher built = BUILT_KEY.matcher(expression.getValue());
            if (!built.matches()) {
                continue;
            }
            String prefix = built.group(1);
            List<String> endings = BUILT_KEY_ENDINGS.get(prefix);
            if (endings == null) {
                unknownPrefixes.add(expression.getKey() + ": '" + prefix + "' + …");
                continue;
            }
            for (String ending : endings) {
                checked++;
                if (!messages.containsKey(prefix + ending)) {
                    missing.add(expression.getKey() + ": " + prefix + ending);
                }
            }
        }

        assertThat(unknownPrefixes)
                .as("keys built at run time whose possible values this test does not know; add them to"
                        + " BUILT_KEY_ENDINGS")
                .isEmpty();
        assertThat(checked).as("the import status key was found").isPositive();
        assertThat(missing).as("built keys that %s does not define", MESSAGES).isEmpty();
    }

    @Test
    void everyValidationMessageKeyExists() throws IOException {
        Set<String> missing = new TreeSet<>();
        int found = 0;
        try (Stream<Path> files = Files.walk(MAIN_JAVA)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher matcher = VALIDATION_MESSAGE.matcher(Files.readString(file, StandardCharsets.UTF_8));
                while (matcher.find()) {
                    found++;
                    if (!messages.containsKey(matcher.group(1))) {
                        missing.add(MAIN_JAVA.relativize(file) + ": " + matcher.group(1));
                    }
                }
            }
        }

        assertThat(found).as("validation message keys were found").isPositive();
        assertThat(missing)
                .as("validation keys that %s does not define", MESSAGES)
                .isEmpty();
    }

    @Test
    void noKeyIsDefinedTwice() throws IOException {
        Map<String, Integer> lines = new LinkedHashMap<>();
        Set<String> duplicates = new TreeSet<>();
        boolean continued = false;
        int number = 0;
        for (String line : Files.readAllLines(MESSAGES, StandardCharsets.UTF_8)) {
            number++;
            String text = line.strip();
            boolean continuation = continued;
            continued = endsWithOddBackslashes(text);
            if (continuation || text.isEmpty() || text.startsWith("#") || text.startsWith("!")) {
                continue;
            }
            String key = text.split("\\s*[=:]\\s*|\\s+", 2)[0];
            Integer first = lines.putIfAbsent(key, number);
            if (first != null) {
                duplicates.add(key + " (lines " + first + " and " + number + ")");
            }
        }

        assertThat(lines).hasSizeGreaterThan(50);
        assertThat(duplicates)
                .as("keys defined twice: the last one silently wins")
                .isEmpty();
    }

    @Test
    void messagesWithArgumentsDoubleTheirApostrophes() {
        // with arguments, a message is a java.text.MessageFormat: a single ' starts a quote and disappears
        Pattern argument = Pattern.compile("\\{\\d");
        Pattern lonelyApostrophe = Pattern.compile("(?<!')'(?!')");
        Set<String> wrong = new TreeSet<>();
        for (String key : messages.stringPropertyNames()) {
            String message = messages.getProperty(key);
            if (argument.matcher(message).find()
                    && lonelyApostrophe.matcher(message).find()) {
                wrong.add(key + "=" + message);
            }
        }

        assertThat(wrong).as("write '' for an apostrophe in these messages").isEmpty();
    }

    private static boolean endsWithOddBackslashes(String text) {
        int count = 0;
        for (int i = text.length() - 1; i >= 0 && text.charAt(i) == '\\'; i--) {
            count++;
        }
        return count % 2 == 1;
    }
}
