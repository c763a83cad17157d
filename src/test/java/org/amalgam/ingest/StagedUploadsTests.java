package org.amalgam.ingest;

import static org.amalgam.testing.AmalgamApi.counts;
import static org.amalgam.testing.AmalgamApi.uniqueWord;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.amalgam.shared.InvalidInputException;
import org.amalgam.shared.NotFoundException;
import org.amalgam.testing.AmalgamApi;
import org.amalgam.testing.ApplicationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** The mapping step of a browser upload, from staging the file to importing or cancelling it. */
@ApplicationTest
class StagedUploadsTests {

    @LocalServerPort
    int port;

    @Autowired
    StagedUploads staging;

    @Autowired
    MappingProfiles profiles;

    @Autowired
    JdbcClient jdbc;

    @Value("${amalgam.import.spool-dir}")
    Path spoolDir;

    AmalgamApi api;
    String source;
    String word;

    @BeforeEach
    void createSourceSystem() {
        api = AmalgamApi.asAdmin(port);
        source = api.createSource("crm-", 10);
        word = uniqueWord();
    }

    private StagedUploadView stage(String fileName, byte[] content, boolean snapshot) {
        return staging.stage(source, "person", fileName, target -> Files.write(target, content), snapshot, "admin");
    }

    private StagedUploadView stage(String csv) {
        return stage("crm-export.csv", csv.replace("WORD", word).getBytes(StandardCharsets.UTF_8), false);
    }

    private Path spooled(UUID stagedId) {
        return Path.of(jdbc.sql("select spool_path from staged_upload where id = :id")
                .param("id", stagedId)
                .query(String.class)
                .single());
    }

    private long stagedOfThisSource() {
        return jdbc.sql(
                        """
                        select count(*) from staged_upload u join source_system s on s.id = u.source_id
                         where s.code = :source
                        """)
                .param("source", source)
                .query(Long.class)
                .single();
    }

    private List<Path> stagedFiles() throws IOException {
        if (!Files.isDirectory(spoolDir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(spoolDir)) {
            return files.filter(f -> f.toString().endsWith(".staged")).toList();
        }
    }

    private JsonNode storedAttributes(String sourceKey) {
        return AmalgamApi.json(jdbc.sql(
                        """
                        select r.attributes::text from source_record r join source_system s on s.id = r.source_id
                         where s.code = :source and r.source_key = :key
                        """)
                .param("source", source)
                .param("key", sourceKey)
                .query(String.class)
                .single());
    }

    private JsonNode savedMapping() {
        return AmalgamApi.json(api.get("/api/v1/sources/" + source + "/mappings/person"));
    }

    private static MappingChoices choices(String key, String... attributeColumnPairs) {
        Map<String, String> columns = new LinkedHashMap<>();
        for (int i = 0; i < attributeColumnPairs.length; i += 2) {
            columns.put(attributeColumnPairs[i], attributeColumnPairs[i + 1]);
        }
        return new MappingChoices(key, columns, Map.of());
    }

    private static MappingStep.Attribute attribute(MappingStep step, String name) {
        return step.attributes().stream()
                .filter(a -> a.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void theStepSuggestsTheMappingAndShowsTheFirstFiveRowsAsTheyWillBeStored() {
        StagedUploadView upload = stage(
                """
                ID,First Name,E-Mail,shoe_size
                1,Ann, ANN.WORD@Example.COM ,38
                2,Bob,not-an-email,41
                ,Nobody,,
                4,Cy,cy@example.com,40
                5,Di,di@example.com,39
                6,Ed,ed@example.com,44
                """);

        MappingStep step = staging.step(upload.id(), null);

        assertThat(step.fromProfile()).isFalse();
        assertThat(step.keyColumn()).isEqualTo("ID");
        assertThat(attribute(step, "first_name").source()).isEqualTo("First Name");
        assertThat(attribute(step, "email").source()).isEqualTo("E-Mail");
        assertThat(attribute(step, "city").mapped()).isFalse();
        assertThat(step.columns())
                .extracting(MappingStep.Column::name, MappingStep.Column::example)
                .startsWith(tuple("ID", "1"));
        assertThat(step.rows()).extracting(MappingStep.SampleRow::number).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(step.rows())
                .extracting(MappingStep.SampleRow::rejected)
                .containsExactly(false, false, true, false, false);
        assertThat(step.rows().get(2).reasons()).singleElement().asString().contains("source key");
        List<MappingStep.Cell> emails = attribute(step, "email").cells();
        assertThat(emails.get(0).value()).isEqualTo("ann." + word.toLowerCase() + "@example.com");
        assertThat(emails.get(0).changed()).isTrue();
        assertThat(emails.get(1).flagged()).isTrue();
        assertThat(emails.get(1).raw()).isEqualTo("not-an-email");
        assertThat(step.unmappedColumns()).containsExactly("shoe_size");
        assertThat(step.storedRows()).isEqualTo(4);
        assertThat(step.flaggedRows()).isEqualTo(1);
        assertThat(AmalgamApi.json(step.mappingJson())).isEqualTo(AmalgamApi.json("{}"));
    }

    @Test
    void theStepStartsFromTheSavedMappingAndSaysWhatThisFileLacks() {
        profiles.save(
                source,
                "person",
                "{\"key\": \"rec\", \"attributes\": {\"first_name\": \"given\", \"email\": " + "\"mail\"}}",
                "admin");
        StagedUploadView upload = stage("rec,given,email\nr1,Ann,ann@example.com\n");

        MappingStep step = staging.step(upload.id(), null);

        assertThat(step.fromProfile()).isTrue();
        assertThat(step.keyColumn()).isEqualTo("rec");
        assertThat(attribute(step, "first_name").source()).isEqualTo("given");
        assertThat(attribute(step, "email").source())
                .as("falls back to the column of the same name")
                .isEqualTo("email");
        assertThat(step.misses()).containsExactly(new MappingStep.Miss("email", "mail"));
        assertThat(attribute(step, "first_name").cells().get(0).value()).isEqualTo("Ann");
    }

    @Test
    void changedChoicesArePreviewedAndAWrongOneIsNamed() {
        StagedUploadView upload = stage("rec,given,dob\nr1,Ann,05011980\n");

        MappingStep noKey = staging.step(upload.id(), choices("", "first_name", "given"));
        MappingStep mapped = staging.step(
                upload.id(),
                new MappingChoices(
                        "rec", Map.of("first_name", "given", "birth_date", "dob"), Map.of("birth_date", "ddMMyyyy")));
        MappingStep wrongFormat = staging.step(
                upload.id(), new MappingChoices("rec", Map.of("birth_date", "dob"), Map.of("birth_date", "dd{MM")));

        assertThat(noKey.problem()).contains("no key column");
        assertThat(noKey.rows()).isEmpty();
        assertThat(attribute(mapped, "birth_date").cells().get(0).value()).isEqualTo("1980-01-05");
        assertThat(mapped.rows().get(0).key()).isEqualTo("r1");
        assertThat(AmalgamApi.json(mapped.mappingJson()))
                .isEqualTo(AmalgamApi.json("{\"key\": \"rec\", \"attributes\": {\"first_name\": \"given\","
                        + " \"birth_date\": {\"column\": \"dob\", \"format\": \"ddMMyyyy\"}}}"));
        assertThat(wrongFormat.errors()).containsOnlyKeys("birth_date.format");
        assertThat(wrongFormat.mappingJson()).isNull();
    }

    @Test
    void importingRunsTheJobWithTheChosenMappingAndSavesItForTheSource() throws IOException {
        StagedUploadView upload = stage("rec,given,mail,city\nr1,Ann,ann.WORD@example.com,Leeds\n");
        Path file = spooled(upload.id());

        ImportJobView job = staging.importWith(
                upload.id(), choices("rec", "first_name", "given", "email", "mail", "city", ""), false, true, "admin");

        JsonNode finished = api.awaitFinished(job.id());
        assertThat(counts(finished)).isEqualTo("read=1 created=1 updated=0 unchanged=0 rejected=0");
        assertThat(finished.get("fileName").asString()).isEqualTo("crm-export.csv");
        assertThat(savedMapping())
                .isEqualTo(AmalgamApi.json("{\"key\": \"rec\", \"attributes\": {\"first_name\": \"given\","
                        + " \"email\": \"mail\", \"city\": null}}"));
        assertThat(Files.exists(file)).as("the staged file became the job's").isFalse();
        assertThat(staging.get(upload.id()).importJobId()).isEqualTo(job.id());
        JsonNode stored = AmalgamApi.json(jdbc.sql(
                        """
                        select r.attributes::text from source_record r join source_system s on s.id = r.source_id
                         where s.code = :source and r.source_key = 'r1'
                        """)
                .param("source", source)
                .query(String.class)
                .single());
        assertThat(stored.get("email").asString()).isEqualTo("ann." + word.toLowerCase() + "@example.com");
        assertThat(stored.has("city")).isFalse();
    }

    @Test
    void importingTwiceStartsOneJob() {
        StagedUploadView upload = stage("id,first_name\nr1,Ann\n");
        MappingChoices choices = choices("id", "first_name", "first_name");

        ImportJobView first = staging.importWith(upload.id(), choices, false, false, "admin");
        ImportJobView second = staging.importWith(upload.id(), choices, false, false, "admin");

        assertThat(second.id()).isEqualTo(first.id());
        api.awaitFinished(first.id());
    }

    @Test
    void withoutSavingTheSavedMappingStaysAsItWas() {
        profiles.save(source, "person", "{\"key\": \"rec\"}", "admin");
        StagedUploadView upload = stage("id,first_name\nr1,Ann\n");

        ImportJobView job =
                staging.importWith(upload.id(), choices("id", "first_name", "first_name"), false, false, "admin");

        assertThat(api.awaitFinished(job.id()).get("status").asString()).isEqualTo("COMPLETED");
        assertThat(savedMapping()).isEqualTo(AmalgamApi.json("{\"key\": \"rec\"}"));
    }

    @Test
    void theFullSnapshotChoiceIsKeptThroughTheStep() {
        StagedUploadView upload = stage("data.csv", "id,first_name\nr1,Ann\n".getBytes(StandardCharsets.UTF_8), true);

        assertThat(staging.get(upload.id()).snapshot()).isTrue();
        ImportJobView job =
                staging.importWith(upload.id(), choices("id", "first_name", "first_name"), true, false, "admin");

        assertThat(job.snapshot()).isTrue();
        api.awaitFinished(job.id());
    }

    @Test
    void aWrongChoiceIsRefusedAndNothingIsImported() {
        StagedUploadView upload = stage("id,first_name\nr1,Ann\n");

        assertThatThrownBy(() -> staging.importWith(
                        upload.id(), choices("id", "first_name", "no_such_column"), false, true, "admin"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("no_such_column");
        assertThat(staging.get(upload.id()).imported()).isFalse();
        assertThat(Files.exists(spooled(upload.id()))).isTrue();
        assertThat(profiles.find(source, "person")).isEmpty();
    }

    @Test
    void cancellingDeletesTheStagedFile() {
        StagedUploadView upload = stage("id,first_name\nr1,Ann\n");
        Path file = spooled(upload.id());

        staging.discard(upload.id());

        assertThat(Files.exists(file)).isFalse();
        assertThatThrownBy(() -> staging.get(upload.id())).isInstanceOf(NotFoundException.class);
        assertThat(api.get("/api/v1/sources").getBody()).contains(source);
    }

    static Stream<Arguments> filesThatCannotBeImported() {
        return Stream.of(
                arguments("empty.csv", new byte[0], "is empty"),
                arguments(
                        "header-only.csv",
                        "id,first_name\n".getBytes(StandardCharsets.UTF_8),
                        "has a header line but no rows"),
                arguments(
                        "picture.csv",
                        new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 0, 1
                        },
                        "not a text file"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("filesThatCannotBeImported")
    void aFileThatCannotBeImportedIsRefusedAndNothingIsKept(String name, byte[] content, String message)
            throws IOException {
        List<Path> before = stagedFiles();

        assertThatThrownBy(() -> stage(name, content, false))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(name)
                .hasMessageContaining(message);
        assertThat(stagedOfThisSource()).isZero();
        assertThat(stagedFiles()).containsExactlyInAnyOrderElementsOf(before);
    }

    @Test
    void aColumnThatAJsonFileNamesOnlyInALaterObjectIsOfferedPreviewedAndImported() {
        StagedUploadView upload = stage(
                "people.ndjson",
                ("{\"id\": \"j1\", \"first_name\": \"Ann\"}\n"
                                + "{\"id\": \"j2\", \"first_name\": \"Bob\", \"email\": \"BOB.WORD@example.com\"}\n")
                        .replace("WORD", word)
                        .getBytes(StandardCharsets.UTF_8),
                false);

        MappingStep step = staging.step(upload.id(), null);

        assertThat(step.columns()).extracting(MappingStep.Column::name).containsExactly("id", "first_name", "email");
        assertThat(step.rows()).noneMatch(MappingStep.SampleRow::rejected);
        assertThat(attribute(step, "email").cells())
                .extracting(MappingStep.Cell::value)
                .containsExactly(null, "bob." + word.toLowerCase() + "@example.com");
        ImportJobView job = staging.importWith(
                upload.id(), choices("id", "first_name", "first_name", "email", "email"), false, false, "admin");
        assertThat(counts(api.awaitFinished(job.id()))).isEqualTo("read=2 created=2 updated=0 unchanged=0 rejected=0");
        assertThat(storedAttributes("j2").get("email").asString())
                .isEqualTo("bob." + word.toLowerCase() + "@example.com");
    }

    @Test
    void aFileThatBreaksAfterItsFirstRowsIsStagedWithTheProblem() {
        StagedUploadView upload = stage("id,first_name\n1,Ann\n2,\"Bob\n3,Cy\n");

        MappingStep step = staging.step(upload.id(), null);

        assertThat(step.rows()).extracting(MappingStep.SampleRow::key).containsExactly("1");
        assertThat(step.fileProblem()).isNotBlank();
    }

    @Test
    void stagedUploadsAndStrayStagedFilesOlderThanADayAreDeleted() throws IOException {
        StagedUploadView old = stage("id,first_name\nr1,Ann\n");
        StagedUploadView fresh = stage("id,first_name\nr2,Bob\n");
        Path oldFile = spooled(old.id());
        Path freshFile = spooled(fresh.id());
        jdbc.sql("update staged_upload set created_at = now() - interval '25 hours' where id = :id")
                .param("id", old.id())
                .update();
        Path stray = spoolDir.resolve(UUID.randomUUID() + ".staged");
        Files.writeString(stray, "id\n1\n");
        Files.setLastModifiedTime(stray, FileTime.from(Instant.now().minus(2, ChronoUnit.DAYS)));

        staging.deleteAbandoned();

        assertThatThrownBy(() -> staging.get(old.id())).isInstanceOf(NotFoundException.class);
        assertThat(Files.exists(oldFile)).isFalse();
        assertThat(Files.exists(stray)).isFalse();
        assertThat(staging.get(fresh.id()).imported()).isFalse();
        assertThat(Files.exists(freshFile)).isTrue();
    }
}
