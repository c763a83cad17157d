package org.amalgam.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;

/**
 * Person-like records of an entity type of a test's own ("member_…", with first and last name, birth date, e-mail and
 * city), so that a test may estimate weights without changing how any other test's persons are matched. One in five
 * rows is a second record of a person a row before, with a typo, a value left out or day and month swapped: EM has
 * duplicates to learn from. Reproducible: row {@code n} is always the same.
 */
public final class MemberRecords {

    public static final String MODEL =
            """
            name: Member
            attributes:
              - name: first_name
                type: name
              - name: last_name
                type: name
                summary: true
              - name: birth_date
                type: date
              - name: email
                type: email
              - name: city
                type: text
            """;

    private static final String[] FIRST = {
        "Anna", "Bernd", "Clara", "David", "Emma", "Felix", "Greta", "Hannes", "Ida", "Jonas", "Karla", "Lukas",
        "Maria", "Niklas", "Olga", "Paul", "Rosa", "Simon", "Tina", "Uwe", "Vera", "Walter", "Yvonne", "Zoe", "Peter",
        "Sabine", "Thomas", "Julia", "Michael", "Laura", "Stefan", "Katrin", "Andreas", "Monika", "Jan", "Lena"
    };

    private static final String[] COMMON_LAST = {"Meyer", "Schulz", "Wagner", "Becker", "Hoffmann", "Koch"};

    private static final String[] CITIES = {
        "Berlin",
        "Hamburg",
        "Munich",
        "Cologne",
        "Frankfurt",
        "Stuttgart",
        "Leipzig",
        "Dresden",
        "Bremen",
        "Hanover",
        "Nuremberg",
        "Bonn",
        "Kiel",
        "Mainz",
        "Erfurt",
        "Potsdam"
    };

    private MemberRecords() {}

    /** Creates an entity type of this test's own and answers its code. */
    public static String createType(AmalgamApi api) {
        String code = AmalgamApi.unique("member_");
        ResponseEntity<String> created = api.putYaml("/api/v1/model/" + code, MODEL);
        assertThat(created.getStatusCode().is2xxSuccessful())
                .as(created.getBody())
                .isTrue();
        return code;
    }

    /** Imports rows {@code from} to {@code from + count - 1} into the type and answers the finished job. */
    public static JsonNode load(AmalgamApi api, String source, String type, int from, int count) {
        ResponseEntity<String> accepted =
                api.upload(source, type, "members.csv", csv(from, count).getBytes(StandardCharsets.UTF_8), null);
        assertThat(accepted.getStatusCode()).as(accepted.getBody()).isEqualTo(HttpStatus.ACCEPTED);
        JsonNode job = api.awaitFinished(
                UUID.fromString(AmalgamApi.json(accepted).get("id").asString()));
        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("COMPLETED");
        assertThat(job.get("counts").get("rejected").asLong())
                .as(job.toString())
                .isZero();
        return job;
    }

    /** The CSV of rows {@code from} to {@code from + count - 1}, with a header. */
    public static String csv(int from, int count) {
        StringBuilder csv = new StringBuilder("id,first_name,last_name,birth_date,email,city\n");
        for (int row = from; row < from + count; row++) {
            String[] values = row % 5 == 4 ? variation(person(row - 2), row) : person(row);
            csv.append('m').append(row);
            for (String value : values) {
                csv.append(',').append(value);
            }
            csv.append('\n');
        }
        return csv.toString();
    }

    /** The person of a row: first name, last name, birth date, e-mail, city. */
    private static String[] person(int row) {
        SplittableRandom random = new SplittableRandom(0x5EEDL * 31 + row);
        String first = FIRST[random.nextInt(FIRST.length)];
        String last = random.nextInt(5) == 0 ? COMMON_LAST[random.nextInt(COMMON_LAST.length)] : surname(random);
        LocalDate born = LocalDate.of(1940, 1, 1).plusDays(random.nextInt(65 * 365));
        String email = (first + "." + last + row).toLowerCase(Locale.ROOT) + "@example.org";
        return new String[] {first, last, born.toString(), email, CITIES[random.nextInt(CITIES.length)]};
    }

    private static String surname(SplittableRandom random) {
        String consonants = "bdfgklmnprstvz";
        String vowels = "aeiou";
        StringBuilder name = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            name.append(consonants.charAt(random.nextInt(consonants.length())));
            name.append(vowels.charAt(random.nextInt(vowels.length())));
        }
        name.append(consonants.charAt(random.nextInt(consonants.length())));
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    /** A second record of the same person, as another department typed it. */
    private static String[] variation(String[] person, int row) {
        String[] copy = person.clone();
        switch (row % 4) {
            case 0 -> copy[0] = typo(copy[0]);
            case 1 -> copy[3] = "";
            case 2 -> {
                LocalDate born = LocalDate.parse(copy[2]);
                if (born.getDayOfMonth() <= 12) {
                    copy[2] = LocalDate.of(born.getYear(), born.getDayOfMonth(), born.getMonthValue())
                            .toString();
                } else {
                    copy[4] = "";
                }
            }
            default -> {
                copy[1] = typo(copy[1]);
                copy[3] = "";
            }
        }
        return copy;
    }

    /** Two neighbouring letters in the middle swapped. */
    private static String typo(String value) {
        int at = value.length() / 2;
        char[] chars = value.toCharArray();
        char c = chars[at];
        chars[at] = chars[at - 1];
        chars[at - 1] = c;
        String swapped = new String(chars);
        return Character.toUpperCase(swapped.charAt(0)) + swapped.substring(1).toLowerCase(Locale.ROOT);
    }
}
