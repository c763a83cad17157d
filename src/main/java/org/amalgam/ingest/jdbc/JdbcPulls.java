package org.amalgam.ingest.jdbc;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.amalgam.ingest.ImportFinished;
import org.amalgam.ingest.ImportJobView;
import org.amalgam.ingest.ImportStatus;
import org.amalgam.ingest.domain.ImportJobStore;
import org.amalgam.ingest.domain.Mapping;
import org.amalgam.ingest.jdbc.JdbcPullStore.JdbcPull;
import org.amalgam.model.EntityTypeView;
import org.amalgam.model.EntityTypes;
import org.amalgam.shared.InvalidInputException;
import org.amalgam.shared.InvalidInputException.FieldError;
import org.amalgam.shared.NotFoundException;
import org.amalgam.sources.SourceSystemView;
import org.amalgam.sources.SourceSystems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.task.TaskExecutor;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The facade for JDBC pulls: define them per source system, run them by hand, and run the due ones on their schedule.
 * Due pulls are claimed with {@code select … for update skip locked}, and a pull with a live run is never started
 * again, so several instances sharing one database never run the same pull twice at once.
 */
@Service
public class JdbcPulls {

    private static final Logger log = LoggerFactory.getLogger(JdbcPulls.class);
    static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");
    private static final Pattern CREDENTIALS_IN_URL =
            Pattern.compile("(?i)([?&;:]\\s*(password|pwd)\\s*=)|(//[^/@?]*:[^/@?]*@)");
    static final String SCHEDULER = "schedule";
    private static final int MAX_QUERY_LENGTH = 100_000;

    private final JdbcPullStore store;
    private final ImportJobStore jobs;
    private final JdbcPullRunner runner;
    private final SourceSystems sources;
    private final EntityTypes entityTypes;
    private final SecretBox secrets;
    private final TaskExecutor executor;
    private final TransactionTemplate transaction;
    private final ApplicationEventPublisher events;
    private final JsonMapper json;
    private final Duration staleAfter;
    private final int claimLimit;

    JdbcPulls(
            JdbcPullStore store,
            ImportJobStore jobs,
            JdbcPullRunner runner,
            SourceSystems sources,
            EntityTypes entityTypes,
            SecretBox secrets,
            @Qualifier("importExecutor") TaskExecutor executor,
            TransactionTemplate transaction,
            ApplicationEventPublisher events,
            JsonMapper json,
            @Value("${amalgam.import.stale-after}") Duration staleAfter,
            @Value("${amalgam.pull.claim-limit:4}") int claimLimit) {
        this.store = store;
        this.jobs = jobs;
        this.runner = runner;
        this.sources = sources;
        this.entityTypes = entityTypes;
        this.secrets = secrets;
        this.executor = executor;
        this.transaction = transaction;
        this.events = events;
        this.json = json;
        this.staleAfter = staleAfter;
        this.claimLimit = claimLimit;
    }

    /** Creates or updates a pull; answers it and whether this call created it. */
    public SaveResult save(String sourceCode, String name, JdbcPullDefinition definition) {
        SourceSystemView source = sources.get(sourceCode);
        return Objects.requireNonNull(transaction.execute(status -> {
            Optional<JdbcPull> existing = store.lock(source.id(), name);
            Checked checked = check(name, definition, existing.orElse(null));
            Instant now = Instant.now();
            if (existing.isEmpty()) {
                store.insert(
                        source.id(),
                        name,
                        checked.values(checked.enabled() ? checked.schedule().first(now) : null, null));
            } else {
                JdbcPull pull = existing.get();
                boolean rescheduled = !pull.schedule().equals(checked.schedule().toString())
                        || (!pull.enabled() && checked.enabled())
                        || pull.nextRunAt() == null;
                Instant next = rescheduled ? checked.schedule().first(now) : pull.nextRunAt();
                boolean reset =
                        definition.resetWatermark() || !pull.watermarkColumn().equals(checked.watermarkColumn());
                store.update(pull.id(), checked.values(next, pull.sealedPassword()), reset);
            }
            return new SaveResult(view(store.find(source.id(), name).orElseThrow()), existing.isEmpty());
        }));
    }

    /** The saved pull, and whether this call created it. */
    public record SaveResult(JdbcPullView pull, boolean created) {}

    public List<JdbcPullView> list(String sourceCode) {
        return store.list(sources.get(sourceCode).id()).stream().map(this::view).toList();
    }

    public JdbcPullView get(String sourceCode, String name) {
        return view(find(sources.get(sourceCode), name));
    }

    public Optional<JdbcPullView> find(String sourceCode, String name) {
        return store.find(sources.get(sourceCode).id(), name).map(this::view);
    }

    /** Removes the pull; its past import jobs and the records it stored stay. */
    public void delete(String sourceCode, String name) {
        SourceSystemView source = sources.get(sourceCode);
        if (!store.delete(source.id(), name)) {
            throw notFound(source, name);
        }
    }

    /**
     * Starts a run now, whatever the schedule and even when the pull is disabled; answers its import job (QUEUED).
     * A pull whose previous run is still going on is refused.
     */
    public ImportJobView runNow(String sourceCode, String name, String user) {
        SourceSystemView source = sources.get(sourceCode);
        List<ImportFinished> interrupted = new ArrayList<>();
        Claimed claimed = Objects.requireNonNull(transaction.execute(status -> {
            JdbcPull pull = store.lock(source.id(), name).orElseThrow(() -> notFound(source, name));
            if (pull.runningJobId() != null && store.live(pull.runningJobId(), staleAfter.toSeconds())) {
                throw new PullAlreadyRunningException(name, pull.runningJobId());
            }
            return claim(pull, user, false, interrupted);
        }));
        interrupted.forEach(events::publishEvent);
        start(claimed);
        return jobs.find(claimed.jobId()).orElseThrow();
    }

    /**
     * Starts the pulls that are due. Each is claimed in a short transaction that locks its row with {@code skip
     * locked} and marks it running, so another instance polling at the same moment skips it.
     */
    @Scheduled(
            initialDelayString = "${amalgam.pull.poll-interval:PT15S}",
            fixedDelayString = "${amalgam.pull.poll-interval:PT15S}")
    public void runDue() {
        List<ImportFinished> interrupted = new ArrayList<>();
        List<Claimed> claimed = transaction.execute(status -> {
            for (JdbcPull pull : store.lockAbandoned(staleAfter.toSeconds())) {
                endAbandonedRun(pull, interrupted);
                store.release(pull.id(), pull.runningJobId(), null);
            }
            List<Claimed> started = new ArrayList<>();
            for (JdbcPull pull : store.lockDue(claimLimit, staleAfter.toSeconds())) {
                started.add(claim(pull, SCHEDULER, true, interrupted));
            }
            return started;
        });
        interrupted.forEach(events::publishEvent);
        if (claimed != null) {
            claimed.forEach(this::start);
        }
    }

    private record Claimed(long pullId, UUID jobId) {}

    /** Inside the claiming transaction: ends an abandoned previous run, creates the job and marks the pull running. */
    private Claimed claim(JdbcPull pull, String user, boolean reschedule, List<ImportFinished> interrupted) {
        endAbandonedRun(pull, interrupted);
        UUID jobId = UUID.randomUUID();
        jobs.create(
                jobId,
                pull.sourceId(),
                pull.entityTypeId(),
                "pull " + pull.name(),
                null,
                pull.mapping(),
                0,
                false,
                user);
        if (reschedule) {
            Instant next = PullSchedule.parse(pull.schedule()).next(Instant.now());
            if (next == null) {
                log.warn("The schedule '{}' of pull {} never fires again", pull.schedule(), pull.name());
            }
            store.startRun(pull.id(), jobId, true, next);
        } else {
            store.startRun(pull.id(), jobId, false, null);
        }
        runner.claimed(jobId);
        return new Claimed(pull.id(), jobId);
    }

    /** Inside a claiming transaction: a previous run that nobody works on any more ends FAILED. */
    private void endAbandonedRun(JdbcPull pull, List<ImportFinished> interrupted) {
        if (pull.runningJobId() == null) {
            return;
        }
        jobs.find(pull.runningJobId()).filter(job -> !job.status().finished()).ifPresent(job -> {
            jobs.finish(
                    job.id(),
                    ImportStatus.FAILED,
                    "The run was interrupted: the Amalgam instance running it stopped. The watermark was not"
                            + " moved, so the next run reads these rows again.");
            interrupted.add(
                    new ImportFinished(job.id(), pull.source(), pull.type(), ImportStatus.FAILED, job.counts()));
        });
    }

    private void start(Claimed claimed) {
        executor.execute(() -> runner.run(claimed.pullId(), claimed.jobId()));
    }

    private JdbcPull find(SourceSystemView source, String name) {
        return store.find(source.id(), name).orElseThrow(() -> notFound(source, name));
    }

    private static NotFoundException notFound(SourceSystemView source, String name) {
        return new NotFoundException("The source system '" + source.code() + "' has no pull '" + name
                + "'. Create it with PUT /api/v1/sources/" + source.code() + "/pulls/" + name + ".");
    }

    /** A definition that passed every check, ready to store. */
    private record Checked(
            EntityTypeView type,
            String jdbcUrl,
            String username,
            String password,
            boolean keepPassword,
            String query,
            String keyColumn,
            String watermarkColumn,
            PullSchedule schedule,
            String mapping,
            boolean enabled,
            SecretBox secrets) {

        JdbcPullStore.Values values(Instant nextRunAt, String storedPassword) {
            String sealed = keepPassword ? storedPassword : password.isEmpty() ? null : secrets.seal(password);
            return new JdbcPullStore.Values(
                    type.id(),
                    jdbcUrl,
                    username,
                    sealed,
                    query,
                    keyColumn,
                    watermarkColumn,
                    schedule.toString(),
                    mapping,
                    enabled,
                    nextRunAt);
        }
    }

    private Checked check(String name, JdbcPullDefinition definition, JdbcPull existing) {
        List<FieldError> errors = new ArrayList<>();
        if (name == null || !NAME.matcher(name).matches()) {
            errors.add(new FieldError(
                    "name",
                    "must be 1 to 63 lowercase letters, digits, '-' or '_', starting with a letter or digit (e.g."
                            + " 'customers')"));
        }
        if (definition == null) {
            throw new InvalidInputException("Send the pull as JSON", errors);
        }
        EntityTypeView type = null;
        if (blank(definition.type())) {
            errors.add(new FieldError("type", "is required: the entity type the rows hold, e.g. person"));
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
        String url = strip(definition.jdbcUrl());
        if (url == null) {
            errors.add(new FieldError("jdbcUrl", "is required, e.g. jdbc:mariadb://db.example.org:3306/crm"));
        } else if (!url.toLowerCase(Locale.ROOT).startsWith("jdbc:")) {
            errors.add(new FieldError("jdbcUrl", "must start with jdbc:, e.g. jdbc:mariadb://db.example.org:3306/crm"));
        } else if (CREDENTIALS_IN_URL.matcher(url).find()) {
            errors.add(new FieldError(
                    "jdbcUrl", "must not hold the password; put it in the password field, which is never shown again"));
        } else if (!driverFor(url)) {
            errors.add(new FieldError(
                    "jdbcUrl",
                    "no JDBC driver in Amalgam accepts it; use jdbc:postgresql://host:5432/db or"
                            + " jdbc:mariadb://host:3306/db (also for MySQL)"));
        }
        String query = strip(definition.query());
        if (query == null) {
            errors.add(
                    new FieldError("query", "is required: the SQL that selects the rows, e.g. select * from customer"));
        } else if (query.length() > MAX_QUERY_LENGTH) {
            errors.add(new FieldError("query", "must be at most " + MAX_QUERY_LENGTH + " characters"));
        }
        String keyColumn = strip(definition.keyColumn());
        if (keyColumn == null) {
            errors.add(new FieldError("keyColumn", "is required: the column that holds each row's source key"));
        }
        String watermarkColumn = strip(definition.watermarkColumn());
        if (watermarkColumn == null) {
            errors.add(new FieldError(
                    "watermarkColumn",
                    "is required: a column that grows whenever a row changes, such as updated_at or a version"));
        } else if (!PullQuery.IDENTIFIER.matcher(watermarkColumn).matches()) {
            errors.add(new FieldError(
                    "watermarkColumn", "must be a plain column name: letters, digits, '_' and '$', as in the result"));
        }
        PullSchedule schedule = null;
        try {
            schedule = PullSchedule.parse(definition.schedule());
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError("schedule", e.getMessage()));
        }
        String mapping = null;
        if (!blank(definition.mapping()) && type != null) {
            try {
                Mapping parsed = Mapping.parse(definition.mapping(), type, json);
                if (parsed.keyColumn() != null
                        && keyColumn != null
                        && !parsed.keyColumn().equals(keyColumn)) {
                    errors.add(new FieldError(
                            "mapping",
                            "names the key column '" + parsed.keyColumn() + "', but the pull's key column is '"
                                    + keyColumn + "'; leave \"key\" out of the mapping"));
                }
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
            throw new InvalidInputException("The pull is not valid", errors);
        }
        boolean keepPassword = definition.password() == null && existing != null;
        return new Checked(
                type,
                url,
                strip(definition.username()),
                definition.password() == null ? "" : definition.password(),
                keepPassword,
                query,
                keyColumn,
                watermarkColumn,
                schedule,
                mapping,
                definition.enabled() != null ? definition.enabled() : existing == null || existing.enabled(),
                secrets);
    }

    private static boolean driverFor(String url) {
        try {
            return DriverManager.getDriver(url) != null;
        } catch (SQLException e) {
            return false;
        }
    }

    private JdbcPullView view(JdbcPull pull) {
        ImportJobView lastRun =
                pull.lastJobId() == null ? null : jobs.find(pull.lastJobId()).orElse(null);
        return new JdbcPullView(
                pull.source(),
                pull.name(),
                pull.type(),
                pull.jdbcUrl(),
                pull.username(),
                pull.sealedPassword() != null,
                pull.query(),
                pull.keyColumn(),
                pull.watermarkColumn(),
                pull.schedule(),
                pull.mapping(),
                pull.enabled(),
                pull.watermark(),
                pull.nextRunAt(),
                pull.runningJobId(),
                lastRun,
                pull.createdAt(),
                pull.updatedAt());
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static String strip(String value) {
        return blank(value) ? null : value.strip();
    }
}
