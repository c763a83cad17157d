package org.amalgam.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.amalgam.ingest.domain.FileSample;
import org.amalgam.ingest.domain.Mapping;
import org.amalgam.ingest.domain.SamplePreview;
import org.amalgam.ingest.domain.StagedUploadStore;
import org.amalgam.ingest.domain.StagedUploadStore.Staged;
import org.amalgam.ingest.domain.StandardizedRow;
import org.amalgam.ingest.file.TabularReader;
import org.amalgam.ingest.file.TabularReaders;
import org.amalgam.ingest.file.UnreadableFileException;
import org.amalgam.model.AttributeDefinition;
import org.amalgam.model.EntityTypeView;
import org.amalgam.model.EntityTypes;
import org.amalgam.shared.InvalidInputException;
import org.amalgam.shared.NotFoundException;
import org.amalgam.sources.SourceSystemView;
import org.amalgam.sources.SourceSystems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The ingest module's facade for the mapping step of a browser upload: the file is staged (kept in the spool folder,
 * nothing stored), a person maps its columns while the first rows are previewed as they will be stored, and then it
 * is imported with that mapping, or cancelled. Staged uploads left alone are deleted after a day.
 */
@Service
public class StagedUploads {

    private static final Logger log = LoggerFactory.getLogger(StagedUploads.class);
    private static final String STAGED_SUFFIX = ".staged";

    private final StagedUploadStore store;
    private final ImportJobs imports;
    private final MappingProfiles profiles;
    private final SamplePreview preview;
    private final SourceSystems sources;
    private final EntityTypes entityTypes;
    private final JsonMapper json;
    private final Duration keepFor;

    StagedUploads(
            StagedUploadStore store,
            ImportJobs imports,
            MappingProfiles profiles,
            SamplePreview preview,
            SourceSystems sources,
            EntityTypes entityTypes,
            JsonMapper json,
            @Value("${amalgam.import.staged-for:P1D}") Duration keepFor) {
        this.store = store;
        this.imports = imports;
        this.profiles = profiles;
        this.preview = preview;
        this.sources = sources;
        this.entityTypes = entityTypes;
        this.json = json;
        this.keepFor = keepFor;
    }

    /**
     * Keeps an uploaded file for the mapping step and reads its header and first rows. A file that cannot be read, is
     * empty or has no data row is refused, and nothing is kept.
     */
    public StagedUploadView stage(
            String sourceCode,
            String typeCode,
            String fileName,
            ImportJobs.Upload content,
            boolean snapshot,
            String user) {
        SourceSystemView source = sources.get(sourceCode);
        EntityTypeView type = imports.type(typeCode);
        String name = ImportJobs.fileName(fileName);
        UUID id = UUID.randomUUID();
        Path spooled = imports.spoolDir().resolve(id + STAGED_SUFFIX);
        long size = imports.spool(content, spooled);
        try {
            if (size == 0) {
                throw new InvalidInputException(
                        "The file '" + name + "' is empty: it needs a header line and at least one row.");
            }
            FileSample sample = sample(spooled, name);
            store.create(id, source.id(), type.id(), name, spooled.toString(), size, snapshot, sample, user);
        } catch (RuntimeException e) {
            ImportJobs.deleteQuietly(spooled);
            throw e;
        }
        return get(id);
    }

    private static FileSample sample(Path file, String name) {
        FileSample sample;
        try (TabularReader reader = TabularReaders.open(file, name)) {
            sample = FileSample.read(reader);
        } catch (UnreadableFileException | UncheckedIOException e) {
            throw new InvalidInputException("The file '" + name + "' cannot be imported. " + e.getMessage());
        } catch (IOException e) {
            throw new InvalidInputException("The file '" + name + "' could not be read: " + e.getMessage());
        }
        if (sample.rows().isEmpty()) {
            throw new InvalidInputException(
                    "The file '" + name + "' has a header line but no rows: there is nothing to import.");
        }
        return sample;
    }

    public StagedUploadView get(UUID id) {
        Staged staged = staged(id);
        return view(staged, source(staged), type(staged));
    }

    /**
     * The mapping step with the given choices, or, without choices, with the source's saved mapping for the type
     * applied to this file (else the automatic suggestion from the column names).
     */
    public MappingStep step(UUID id, MappingChoices choices) {
        Staged staged = staged(id);
        SourceSystemView source = source(staged);
        EntityTypeView type = type(staged);
        List<String> header = staged.sample().header();
        List<MappingStep.Miss> misses = List.of();
        boolean fromProfile = false;
        if (choices == null) {
            Optional<Mapping> saved = savedMapping(source, type);
            Mapping.Choices start =
                    saved.map(m -> m.choicesFor(header, type)).orElseGet(() -> Mapping.suggest(header, type));
            misses = start.misses().stream()
                    .map(miss -> new MappingStep.Miss(miss.attribute(), miss.column()))
                    .toList();
            fromProfile = saved.isPresent();
            choices = choices(start);
        }
        return step(
                view(staged, source, type), staged.sample(), type, choices, misses, fromProfile, source.phoneRegion());
    }

    /**
     * Imports the staged file with the chosen mapping and, with {@code saveProfile}, saves the mapping as the source's
     * mapping for the type. Answers the job; a staged upload that was already imported answers its job again, so a
     * second click starts nothing.
     *
     * @throws InvalidInputException when a choice is wrong or the mapping does not fit the file
     */
    public ImportJobView importWith(
            UUID id, MappingChoices choices, boolean snapshot, boolean saveProfile, String user) {
        Staged staged = staged(id);
        if (staged.importJobId() != null) {
            return imports.get(staged.importJobId());
        }
        SourceSystemView source = source(staged);
        EntityTypeView type = type(staged);
        List<String> header = staged.sample().header();
        Mapping mapping = mapping(type, header, choices).minimal(header, type);
        // refused here as the import would refuse it
        preview.preview(type, mapping, staged.sample(), source.phoneRegion());
        Path file = Path.of(staged.spoolPath());
        if (!Files.exists(file)) {
            throw new InvalidInputException("The uploaded file '" + staged.fileName()
                    + "' is no longer kept (staged files are kept for a day, on the instance that received them);"
                    + " upload it again.");
        }
        UUID jobId = UUID.randomUUID();
        if (!store.claim(id, jobId)) {
            return imports.get(staged(id).importJobId());
        }
        ImportJobView job;
        try {
            job = imports.submit(
                    jobId,
                    source.code(),
                    type.code(),
                    staged.fileName(),
                    target -> Files.move(file, target),
                    json.writeValueAsString(mapping.toJson(json)),
                    snapshot,
                    user);
        } catch (RuntimeException e) {
            store.unclaim(id, jobId);
            throw e;
        }
        if (saveProfile) {
            profiles.save(source, type, mapping, user);
        }
        return job;
    }

    /** Deletes a staged upload that was not imported, and its file. */
    public StagedUploadView discard(UUID id) {
        StagedUploadView upload = get(id);
        store.deleteUnimported(id).map(Path::of).ifPresent(ImportJobs::deleteQuietly);
        return upload;
    }

    /**
     * Deletes staged uploads older than a day (imported or not) and their files, and staged files on this instance
     * that no staged upload names any more.
     */
    @Scheduled(
            initialDelayString = "${amalgam.import.staged-cleanup-interval:PT1H}",
            fixedDelayString = "${amalgam.import.staged-cleanup-interval:PT1H}")
    public void deleteAbandoned() {
        List<String> files = store.deleteOlderThan(keepFor.toSeconds());
        files.forEach(path -> ImportJobs.deleteQuietly(Path.of(path)));
        int orphans = 0;
        Path spool = imports.spoolDir();
        if (Files.isDirectory(spool)) {
            FileTime before = FileTime.from(Instant.now().minus(keepFor));
            try (Stream<Path> entries = Files.list(spool)) {
                for (Path entry : entries.filter(p -> p.getFileName().toString().endsWith(STAGED_SUFFIX))
                        .toList()) {
                    if (Files.getLastModifiedTime(entry).compareTo(before) < 0) {
                        ImportJobs.deleteQuietly(entry);
                        orphans++;
                    }
                }
            } catch (IOException | UncheckedIOException e) {
                log.warn("Could not look for abandoned staged files in {}", spool, e);
            }
        }
        if (!files.isEmpty() || orphans > 0) {
            log.info("Deleted {} abandoned staged uploads and {} stray staged files", files.size(), orphans);
        }
    }

    private MappingStep step(
            StagedUploadView upload,
            FileSample sample,
            EntityTypeView type,
            MappingChoices choices,
            List<MappingStep.Miss> misses,
            boolean fromProfile,
            String phoneRegion) {
        List<String> header = sample.header();
        Map<String, String> errors = new LinkedHashMap<>();
        String problem = null;
        SamplePreview.Result result = null;
        String mappingJson = null;
        try {
            Mapping mapping = mapping(type, header, choices).minimal(header, type);
            mappingJson = json.writerWithDefaultPrettyPrinter().writeValueAsString(mapping.toJson(json));
            result = preview.preview(type, mapping, sample, phoneRegion);
        } catch (InvalidInputException e) {
            e.errors().forEach(error -> errors.put(error.field().replaceFirst("^attributes\\.", ""), error.message()));
            problem = errors.isEmpty() ? e.getMessage() : null;
            if (!errors.isEmpty()) {
                mappingJson = null;
            }
        }
        List<MappingStep.Attribute> attributes = new ArrayList<>();
        for (AttributeDefinition attribute : type.attributes()) {
            String name = attribute.name();
            String source = choices.column(name);
            List<MappingStep.Cell> cells = new ArrayList<>();
            if (result != null) {
                for (SamplePreview.PreviewRow row : result.rows()) {
                    Object value = row.stored().attributes().get(name);
                    String issue = row.stored().flags().stream()
                            .filter(flag -> flag.attribute().equals(name))
                            .map(StandardizedRow.Flag::issue)
                            .findFirst()
                            .orElse(null);
                    cells.add(new MappingStep.Cell(
                            row.mapped().get(name), value == null ? null : value.toString(), issue));
                }
            }
            attributes.add(new MappingStep.Attribute(
                    name,
                    attribute.type(),
                    attribute.required(),
                    source == null ? "" : source,
                    source != null && isTemplate(source, header),
                    choices.format(name),
                    cells));
        }
        List<MappingStep.SampleRow> rows = result == null
                ? List.of()
                : result.rows().stream()
                        .map(row -> new MappingStep.SampleRow(
                                row.number(), row.stored().key(), row.stored().reasons()))
                        .toList();
        return new MappingStep(
                upload,
                columns(sample),
                choices.keyColumn(),
                attributes,
                rows,
                result == null ? List.of() : result.unmappedColumns(),
                sample.problem(),
                problem,
                errors,
                misses,
                fromProfile,
                mappingJson);
    }

    /** The named columns of the file, the first of equal names only, each with its first non-blank value. */
    private static List<MappingStep.Column> columns(FileSample sample) {
        List<String> header = sample.header();
        List<MappingStep.Column> columns = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i);
            if (name.isBlank() || header.indexOf(name) != i) {
                continue;
            }
            String example = null;
            for (FileSample.SampleRow row : sample.rows()) {
                String value = i < row.values().size() ? row.values().get(i) : null;
                if (value != null && !value.isBlank()) {
                    example = value.strip();
                    break;
                }
            }
            columns.add(new MappingStep.Column(name, example));
        }
        return columns;
    }

    /**
     * The choices as a mapping, checked as an uploaded mapping is. A choice that is not a column of the file but holds
     * {placeholders} is a template (one the saved mapping had; the page only keeps them).
     */
    private Mapping mapping(EntityTypeView type, List<String> header, MappingChoices choices) {
        ObjectNode root = json.createObjectNode();
        if (choices.keyColumn() != null) {
            root.put("key", choices.keyColumn());
        }
        ObjectNode attributes = root.putObject("attributes");
        for (AttributeDefinition attribute : type.attributes()) {
            String name = attribute.name();
            String column = choices.column(name);
            String format = choices.format(name);
            if (column == null) {
                attributes.putNull(name);
            } else if (isTemplate(column, header)) {
                attributes.putObject(name).put("template", column);
            } else if (format != null) {
                attributes.putObject(name).put("column", column).put("format", format.strip());
            } else {
                attributes.put(name, column);
            }
        }
        return Mapping.parse(json.writeValueAsString(root), type, json);
    }

    private static boolean isTemplate(String choice, List<String> header) {
        return !header.contains(choice) && !Mapping.templateColumns(choice).isEmpty();
    }

    private static MappingChoices choices(Mapping.Choices start) {
        Map<String, String> columns = new LinkedHashMap<>();
        Map<String, String> formats = new LinkedHashMap<>();
        start.attributes().forEach((attribute, source) -> {
            columns.put(
                    attribute, source.none() ? "" : source.template() != null ? source.template() : source.column());
            if (source.format() != null) {
                formats.put(attribute, source.format());
            }
        });
        return new MappingChoices(start.keyColumn(), columns, formats);
    }

    /** The saved mapping, unless the model changed so that it no longer fits; then the step starts afresh. */
    private Optional<Mapping> savedMapping(SourceSystemView source, EntityTypeView type) {
        return profiles.mappingFor(source, type).flatMap(text -> {
            try {
                return Optional.of(Mapping.parse(text, type, json));
            } catch (InvalidInputException e) {
                log.info("The saved mapping of {}/{} no longer fits the model: {}", source.code(), type.code(), e);
                return Optional.empty();
            }
        });
    }

    private Staged staged(UUID id) {
        return store.find(id)
                .orElseThrow(() -> new NotFoundException("There is no staged upload " + id
                        + ": it was cancelled, or deleted a day after it was uploaded. Upload the file again on its"
                        + " source's page."));
    }

    private SourceSystemView source(Staged staged) {
        return sources.findById(staged.sourceId()).orElseThrow();
    }

    private EntityTypeView type(Staged staged) {
        return entityTypes.findById(staged.entityTypeId()).orElseThrow();
    }

    private static StagedUploadView view(Staged staged, SourceSystemView source, EntityTypeView type) {
        return new StagedUploadView(
                staged.id(),
                source.code(),
                source.name(),
                type.code(),
                type.name(),
                staged.fileName(),
                staged.totalBytes(),
                staged.snapshot(),
                staged.importJobId(),
                staged.createdBy(),
                staged.createdAt());
    }
}
