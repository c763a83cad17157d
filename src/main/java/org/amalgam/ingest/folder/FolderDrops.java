package org.amalgam.ingest.folder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.amalgam.ingest.ImportFinished;
import org.amalgam.ingest.ImportJobView;
import org.amalgam.ingest.ImportJobs;
import org.amalgam.ingest.ImportStatus;
import org.amalgam.ingest.domain.Mapping;
import org.amalgam.ingest.folder.FolderDropStore.DroppedFile;
import org.amalgam.ingest.folder.FolderDropStore.FolderDrop;
import org.amalgam.model.EntityTypeView;
import org.amalgam.model.EntityTypes;
import org.amalgam.shared.InvalidInputException;
import org.amalgam.shared.InvalidInputException.FieldError;
import org.amalgam.shared.NotFoundException;
import org.amalgam.sources.SourceSystemView;
import org.amalgam.sources.SourceSystems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The facade for folder drops: a watched folder per source system. A scan takes each complete file (see
 * {@link FolderScan}) by moving it into the folder's {@code processing/} subfolder under a unique name, and imports it
 * through the file-import path; when the import ends the file moves to {@code done/}, or to {@code failed/} with a
 * {@code <name>.error.txt} that says why. Taking a file is an atomic rename, so instances sharing a folder never take
 * the same file twice.
 */
@Service
public class FolderDrops {

    private static final Logger log = LoggerFactory.getLogger(FolderDrops.class);
    static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");
    static final String PROCESSING = "processing";
    static final String DONE = "done";
    static final String FAILED = "failed";
    static final int RECENT_FILES = 10;
    /** A file taken but not handed to an import for this long was left by an instance that stopped. */
    static final Duration ORPHANED_AFTER = Duration.ofMinutes(10);

    private final FolderDropStore store;
    private final ImportJobs imports;
    private final SourceSystems sources;
    private final EntityTypes entityTypes;
    private final JsonMapper json;
    private final TransactionTemplate transaction;
    private final Duration minAge;
    private final Path allowedRoot;
    private final Path spoolDir;
    private final Clock clock;
    private final Map<Long, ScanState> scans = new ConcurrentHashMap<>();

    FolderDrops(
            FolderDropStore store,
            ImportJobs imports,
            SourceSystems sources,
            EntityTypes entityTypes,
            JsonMapper json,
            TransactionTemplate transaction,
            @Value("${amalgam.folder.min-age:PT1M}") Duration minAge,
            @Value("${amalgam.folder.allowed-root:}") String allowedRoot,
            @Value("${amalgam.import.spool-dir}") Path spoolDir) {
        this.store = store;
        this.imports = imports;
        this.sources = sources;
        this.entityTypes = entityTypes;
        this.json = json;
        this.transaction = transaction;
        this.minAge = minAge;
        this.allowedRoot = allowedRoot == null || allowedRoot.isBlank()
                ? null
                : Path.of(allowedRoot.strip()).toAbsolutePath().normalize();
        this.spoolDir = spoolDir.toAbsolutePath().normalize();
        this.clock = Clock.systemUTC();
    }

    /** The scan state of one folder at one path; a new path starts afresh. */
    private record ScanState(String path, FolderScan scan) {}

    /** Creates or updates a watched folder; answers it and whether this call created it. */
    public SaveResult save(String sourceCode, String name, FolderDropDefinition definition) {
        SourceSystemView source = sources.get(sourceCode);
        Optional<FolderDrop> existing = store.find(source.id(), name);
        List<FieldError> errors = new ArrayList<>();
        if (name == null || !NAME.matcher(name).matches()) {
            errors.add(new FieldError(
                    "name",
                    "must be 1 to 63 lowercase letters, digits, '-' or '_', starting with a letter or digit (e.g."
                            + " 'inbox')"));
        }
        if (definition == null) {
            throw new InvalidInputException("Send the folder as JSON", errors);
        }
        EntityTypeView type = null;
        if (definition.type() == null || definition.type().isBlank()) {
            errors.add(new FieldError("type", "is required: the entity type the files hold, e.g. person"));
        } else {
            type = entityTypes.find(definition.type().strip()).orElse(null);
            if (type == null) {
                errors.add(new FieldError(
                        "type",
                        "'" + definition.type() + "' is not an entity type; known: "
                                + String.join(
                                        ", ",
                                        entityTypes.list().stream()
                                                .map(EntityTypeView::code)
                                                .toList())));
            }
        }
        String path = checkPath(definition.path(), existing.map(FolderDrop::id).orElse(null), errors);
        String mapping = null;
        if (definition.mapping() != null && !definition.mapping().isBlank() && type != null) {
            try {
                Mapping.parse(definition.mapping(), type, json);
                mapping = json.readTree(definition.mapping()).toString();
            } catch (InvalidInputException e) {
                if (e.errors().isEmpty()) {
                    errors.add(new FieldError("mapping", e.getMessage()));
                }
                e.errors()
                        .forEach(error -> errors.add(new FieldError("mapping", error.field() + " " + error.message())));
            } catch (JacksonException e) {
                errors.add(new FieldError("mapping", "is not valid JSON: " + e.getOriginalMessage()));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException("The watched folder is not valid", errors);
        }
        boolean enabled = definition.enabled() != null
                ? definition.enabled()
                : existing.map(FolderDrop::enabled).orElse(true);
        long typeId = Objects.requireNonNull(type).id();
        String storedMapping = mapping;
        transaction.executeWithoutResult(status -> {
            if (existing.isEmpty()) {
                store.insert(source.id(), name, typeId, path, storedMapping, enabled);
            } else {
                store.update(existing.get().id(), typeId, path, storedMapping, enabled);
            }
        });
        return new SaveResult(view(store.find(source.id(), name).orElseThrow()), existing.isEmpty());
    }

    /** The saved folder, and whether this call created it. */
    public record SaveResult(FolderDropView folder, boolean created) {}

    public List<FolderDropView> list(String sourceCode) {
        return store.list(sources.get(sourceCode).id()).stream().map(this::view).toList();
    }

    public FolderDropView get(String sourceCode, String name) {
        return view(folder(sources.get(sourceCode), name));
    }

    public Optional<FolderDropView> find(String sourceCode, String name) {
        return store.find(sources.get(sourceCode).id(), name).map(this::view);
    }

    /** Stops watching the folder; the files in it and in its subfolders stay where they are. */
    public void delete(String sourceCode, String name) {
        SourceSystemView source = sources.get(sourceCode);
        FolderDrop folder = folder(source, name);
        store.delete(source.id(), name);
        scans.remove(folder.id());
    }

    /** Scans one folder now, as the schedule would, even when it is disabled. */
    public ScanResult scan(String sourceCode, String name) {
        return scan(folder(sources.get(sourceCode), name));
    }

    /** Scans every enabled folder; a folder that cannot be read records why and the others go on. */
    @Scheduled(
            initialDelayString = "${amalgam.folder.scan-interval:PT10S}",
            fixedDelayString = "${amalgam.folder.scan-interval:PT10S}")
    public void scanAll() {
        for (FolderDrop folder : store.enabled()) {
            try {
                scan(folder);
            } catch (RuntimeException e) {
                log.error("Scanning the folder {} failed", folder.path(), e);
            }
        }
    }

    /** When a folder's import ends, its file moves to done/ or failed/. */
    @EventListener
    void on(ImportFinished event) {
        store.fileByJob(event.importJobId()).ifPresent(this::settle);
    }

    private ScanResult scan(FolderDrop folder) {
        Path root = Path.of(folder.path());
        List<DroppedFileView> taken = new ArrayList<>();
        List<String> waiting = new ArrayList<>();
        try {
            if (!Files.isDirectory(root)) {
                throw new IOException("The folder " + root + " does not exist any more (or is not a folder)");
            }
            for (String sub : List.of(PROCESSING, DONE, FAILED)) {
                Files.createDirectories(root.resolve(sub));
            }
            store.processing(folder.id()).forEach(this::settleOrResume);
            resumeOrphans(folder, root).forEach(taken::add);
            FolderScan.Decision decision = scanState(folder).decide(list(root), clock.instant());
            decision.waiting().forEach(file -> waiting.add(file.name()));
            for (FolderScan.Seen file : decision.complete()) {
                take(folder, root.resolve(file.name()), file.name()).ifPresent(taken::add);
            }
            store.scanned(folder.id(), null);
        } catch (IOException e) {
            String message = e instanceof NoSuchFileException
                    ? "The folder " + root + " does not exist any more"
                    : e.getMessage();
            store.scanned(folder.id(), message);
            if (!message.equals(folder.lastError())) {
                // a folder that stays unreadable is reported once, not at every scan
                log.warn("Cannot scan the watched folder {} of {}: {}", folder.name(), folder.source(), message);
            }
        }
        return new ScanResult(taken, waiting);
    }

    private FolderScan scanState(FolderDrop folder) {
        return scans.compute(
                        folder.id(),
                        (id, state) -> state != null && state.path().equals(folder.path())
                                ? state
                                : new ScanState(folder.path(), new FolderScan(minAge)))
                .scan();
    }

    private static List<FolderScan.Seen> list(Path root) throws IOException {
        List<FolderScan.Seen> files = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
            for (Path entry : entries) {
                BasicFileAttributes attributes;
                try {
                    attributes = Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                } catch (NoSuchFileException e) {
                    continue;
                }
                if (attributes.isRegularFile()) {
                    files.add(new FolderScan.Seen(
                            entry.getFileName().toString(),
                            attributes.size(),
                            attributes.lastModifiedTime().toInstant()));
                }
            }
        }
        return files;
    }

    /**
     * Takes one file: moves it into processing/ under a unique name (the atomic move is the claim: another instance
     * that tries the same file finds it gone) and submits it as a file import.
     */
    private Optional<DroppedFileView> take(FolderDrop folder, Path file, String originalName) {
        String stored = DroppedFileNames.unique(originalName, clock.instant());
        Path processing = file.getParent().resolve(PROCESSING).resolve(stored);
        try {
            move(file, processing);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            log.warn("Could not move {} into {}: {}", file, processing.getParent(), e.toString());
            return Optional.empty();
        }
        long size = sizeOf(processing);
        Optional<Long> id = store.insertFile(folder.id(), originalName, stored, size);
        if (id.isEmpty()) {
            return Optional.empty();
        }
        submit(folder, id.get(), processing, originalName);
        return store.file(id.get()).map(FolderDrops::view);
    }

    /** Hands a file in processing/ to the file-import path; a file the import refuses at once goes to failed/. */
    private void submit(FolderDrop folder, long fileId, Path processing, String originalName) {
        try {
            ImportJobView job = imports.submit(
                    folder.source(),
                    folder.type(),
                    originalName,
                    target -> linkOrCopy(processing, target),
                    folder.mapping(),
                    "folder " + folder.name());
            store.attachJob(fileId, job.id());
            log.info(
                    "Took {} from the folder {} of {}: import {}",
                    originalName,
                    folder.name(),
                    folder.source(),
                    job.id());
            // the import may have ended before the job was attached to the file
            store.file(fileId).ifPresent(this::settle);
        } catch (InvalidInputException | NotFoundException e) {
            store.file(fileId).ifPresent(file -> finish(file, false, e.getMessage(), null));
        } catch (RuntimeException e) {
            log.error("Could not import {} from the folder {}", originalName, folder.path(), e);
            store.file(fileId)
                    .ifPresent(file -> finish(
                            file,
                            false,
                            "The file could not be handed to an import because of an internal error ("
                                    + e.getClass().getSimpleName() + "). Details are in the server log.",
                            null));
        }
    }

    /** The spool gets a hard link where it can (no copy of a large file), else a copy; processing/ keeps the file. */
    private static void linkOrCopy(Path source, Path target) throws IOException {
        try {
            Files.createLink(target, source);
        } catch (IOException | UnsupportedOperationException e) {
            Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private void settleOrResume(DroppedFile file) {
        if (file.importJobId() != null) {
            settle(file);
            return;
        }
        if (!store.reclaimWithoutJob(file.id(), ORPHANED_AFTER.toSeconds())) {
            return;
        }
        Path processing = Path.of(file.folderPath()).resolve(PROCESSING).resolve(file.storedName());
        store.findById(file.folderId())
                .filter(folder -> Files.exists(processing))
                .ifPresentOrElse(
                        folder -> submit(folder, file.id(), processing, file.fileName()),
                        () -> finish(file, false, "The file is no longer in " + processing.getParent() + ".", null));
    }

    /** Files in processing/ that no instance recorded (it stopped right after taking them) are taken again. */
    private List<DroppedFileView> resumeOrphans(FolderDrop folder, Path root) throws IOException {
        List<DroppedFileView> taken = new ArrayList<>();
        Instant orphanedBefore = clock.instant().minus(ORPHANED_AFTER);
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root.resolve(PROCESSING))) {
            for (Path entry : entries) {
                String stored = entry.getFileName().toString();
                boolean old = DroppedFileNames.takenAt(stored)
                        .map(at -> at.isBefore(orphanedBefore))
                        .orElse(false);
                if (old && Files.isRegularFile(entry) && !store.knows(folder.id(), stored)) {
                    log.info("Taking {} again: it was left in processing/ without an import", entry);
                    take(folder, entry, DroppedFileNames.original(stored)).ifPresent(taken::add);
                }
            }
        }
        return taken;
    }

    /** Moves a file whose import has ended to done/ or failed/; does nothing while the import runs. */
    private void settle(DroppedFile file) {
        if (file.importJobId() == null || !"PROCESSING".equals(file.status())) {
            return;
        }
        ImportJobView job = imports.find(file.importJobId()).orElse(null);
        if (job == null) {
            finish(file, false, "Its import job " + file.importJobId() + " no longer exists.", null);
        } else if (job.status().finished()) {
            boolean ok = job.status() == ImportStatus.COMPLETED;
            finish(file, ok, ok ? null : errorOf(job), job);
        }
    }

    private static String errorOf(ImportJobView job) {
        if (job.error() != null && !job.error().isBlank()) {
            return job.error();
        }
        return job.status() == ImportStatus.CANCELLED ? "The import was cancelled." : "The import failed.";
    }

    /** Records the outcome (once, whichever instance gets there first) and moves the file accordingly. */
    private void finish(DroppedFile file, boolean ok, String error, ImportJobView job) {
        if (!store.finishFile(file.id(), ok ? "DONE" : "FAILED", error)) {
            return;
        }
        Path root = Path.of(file.folderPath());
        Path from = root.resolve(PROCESSING).resolve(file.storedName());
        Path to = root.resolve(ok ? DONE : FAILED).resolve(file.storedName());
        try {
            Files.createDirectories(to.getParent());
            if (Files.exists(from)) {
                move(from, to);
            }
            if (!ok) {
                Files.writeString(
                        to.resolveSibling(file.storedName() + ".error.txt"),
                        errorText(file, error, job),
                        StandardCharsets.UTF_8);
            }
            log.info("Moved {} to {}", file.fileName(), to);
        } catch (IOException e) {
            log.warn("Could not move {} to {}: {}", from, to, e.toString());
        }
    }

    private static String errorText(DroppedFile file, String error, ImportJobView job) {
        StringBuilder text = new StringBuilder();
        text.append("Amalgam could not import ").append(file.fileName());
        text.append(" (kept here as ").append(file.storedName()).append(").\n\n");
        text.append(error).append('\n');
        if (job != null) {
            text.append("\nImport job: ")
                    .append(job.id())
                    .append(" (")
                    .append(job.status())
                    .append(")\n");
            text.append("Rows read: ").append(job.counts().read());
            text.append(", created: ").append(job.counts().created());
            text.append(", updated: ").append(job.counts().updated());
            text.append(", unchanged: ").append(job.counts().unchanged());
            text.append(", rejected: ").append(job.counts().rejected()).append('\n');
            text.append("Rows stored before the failure stay stored; fix the file and drop it again.\n");
        }
        return text.toString();
    }

    /** An atomic rename where the file system allows it (then exactly one of several movers wins). */
    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        } catch (FileAlreadyExistsException e) {
            throw new IOException("A file " + to + " is already there", e);
        }
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    /**
     * Checks that the folder exists and Amalgam may write in it (by creating processing/, done/ and failed/), and that
     * it is none of Amalgam's own folders nor another watched folder. Answers the normalized absolute path.
     */
    private String checkPath(String text, Long folderId, List<FieldError> errors) {
        if (text == null || text.isBlank()) {
            errors.add(new FieldError("path", "is required: the absolute path of a folder on the Amalgam server"));
            return null;
        }
        Path path;
        try {
            path = Path.of(text.strip());
        } catch (RuntimeException e) {
            errors.add(new FieldError("path", "'" + text + "' is not a path"));
            return null;
        }
        if (!path.isAbsolute()) {
            errors.add(new FieldError("path", "must be absolute, e.g. /srv/amalgam/drop/crm"));
            return null;
        }
        path = path.normalize();
        if (allowedRoot != null && !path.startsWith(allowedRoot)) {
            errors.add(new FieldError("path", "must be inside " + allowedRoot + " (amalgam.folder.allowed-root)"));
            return null;
        }
        if (!Files.exists(path)) {
            errors.add(new FieldError("path", "does not exist on the Amalgam server (" + path + ")"));
            return null;
        }
        if (!Files.isDirectory(path)) {
            errors.add(new FieldError("path", "is a file, not a folder (" + path + ")"));
            return null;
        }
        Path real;
        try {
            real = path.toRealPath();
        } catch (IOException e) {
            errors.add(new FieldError("path", "cannot be read (" + path + "): " + e.getMessage()));
            return null;
        }
        if (real.startsWith(spoolDir) || spoolDir.startsWith(real)) {
            errors.add(new FieldError("path", "must not be or hold Amalgam's own import spool folder " + spoolDir));
            return null;
        }
        for (FolderDrop other : store.all()) {
            if (folderId != null && other.id() == folderId) {
                continue;
            }
            Path otherPath = realOrSelf(Path.of(other.path()));
            if (real.startsWith(otherPath) || otherPath.startsWith(real)) {
                errors.add(new FieldError(
                        "path",
                        "overlaps the watched folder '" + other.name() + "' of the source system '" + other.source()
                                + "' (" + other.path() + "); give each one a folder of its own"));
                return null;
            }
        }
        if (!Files.isWritable(path) || !Files.isReadable(path)) {
            errors.add(new FieldError("path", "is not readable and writable for Amalgam (" + path + ")"));
            return null;
        }
        try {
            for (String sub : List.of(PROCESSING, DONE, FAILED)) {
                Files.createDirectories(path.resolve(sub));
            }
            Path probe = Files.createTempFile(path.resolve(PROCESSING), ".amalgam-", ".probe");
            Files.delete(probe);
        } catch (IOException e) {
            errors.add(new FieldError(
                    "path",
                    "cannot hold Amalgam's subfolders processing/, done/ and failed/ (" + path + "): "
                            + e.getMessage()));
            return null;
        }
        return path.toString();
    }

    private static Path realOrSelf(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            return path.toAbsolutePath().normalize();
        }
    }

    private FolderDrop folder(SourceSystemView source, String name) {
        return store.find(source.id(), name)
                .orElseThrow(() -> new NotFoundException("The source system '" + source.code()
                        + "' has no watched folder '" + name + "'. Create it with PUT /api/v1/sources/"
                        + source.code() + "/folders/" + name + "."));
    }

    private FolderDropView view(FolderDrop folder) {
        return new FolderDropView(
                folder.source(),
                folder.name(),
                folder.type(),
                folder.path(),
                folder.mapping(),
                folder.enabled(),
                folder.lastScanAt(),
                folder.lastError(),
                store.recent(folder.id(), RECENT_FILES).stream()
                        .map(FolderDrops::view)
                        .toList(),
                folder.createdAt(),
                folder.updatedAt());
    }

    private static DroppedFileView view(DroppedFile file) {
        return new DroppedFileView(
                file.fileName(),
                file.storedName(),
                file.sizeBytes(),
                file.status(),
                file.importJobId(),
                file.error(),
                file.createdAt(),
                file.finishedAt());
    }
}
