package org.amalgam.stewardship;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.amalgam.golden.GoldenRecords;
import org.amalgam.model.EntityTypeView;
import org.amalgam.model.EntityTypes;
import org.amalgam.shared.ConflictException;
import org.amalgam.shared.InvalidInputException;
import org.amalgam.shared.NotFoundException;
import org.amalgam.stewardship.domain.ReviewTaskStore;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The stewardship module's facade: the review queue and the decisions on it. Conflicts open and close themselves as
 * golden records change; the matcher opens possible matches with {@link #openPossibleMatch}.
 */
@Service
@Transactional(readOnly = true)
public class ReviewTasks {

    public static final List<String> KINDS = List.of("POSSIBLE_MATCH", "CONFLICT", "DATA_QUALITY");
    public static final List<String> STATUSES = List.of("OPEN", "RESOLVED", "DISMISSED");
    public static final int MAX_LIMIT = 500;

    private final ReviewTaskStore store;
    private final EntityTypes entityTypes;
    private final GoldenRecords golden;

    ReviewTasks(ReviewTaskStore store, EntityTypes entityTypes, GoldenRecords golden) {
        this.store = store;
        this.entityTypes = entityTypes;
        this.golden = golden;
    }

    /** Tasks filtered by entity type code, kind and status (each optional), oldest first. */
    public List<ReviewTaskView> list(String typeCode, String kind, String status, int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidInputException("limit must be between 1 and " + MAX_LIMIT);
        }
        return store.list(typeId(typeCode), oneOf("kind", kind, KINDS), oneOf("status", status, STATUSES), null, limit);
    }

    public long count(String typeCode, String kind, String status) {
        return store.count(typeId(typeCode), oneOf("kind", kind, KINDS), oneOf("status", status, STATUSES));
    }

    /** The open tasks about one golden record. */
    public List<ReviewTaskView> openFor(UUID goldenId) {
        return store.list(null, null, "OPEN", goldenId, MAX_LIMIT);
    }

    public ReviewTaskView get(UUID id) {
        return store.find(id).orElseThrow(() -> new NotFoundException("There is no review task " + id + "."));
    }

    /** The next open task of the same kind in queue order, after this one. */
    public Optional<UUID> nextOpen(UUID id) {
        return store.nextOpen(get(id));
    }

    /**
     * Opens a POSSIBLE_MATCH task for two golden records, unless one is open for the pair; answers the open task's id.
     *
     * @param details what the matcher found (score, evidence); shown to the steward and in the API
     */
    @Transactional
    public UUID openPossibleMatch(long entityTypeId, UUID goldenId, UUID otherGoldenId, Map<String, Object> details) {
        if (goldenId.equals(otherGoldenId)) {
            throw new IllegalArgumentException("A possible match needs two different golden records");
        }
        return store.openPossibleMatch(entityTypeId, goldenId, otherGoldenId, details == null ? Map.of() : details);
    }

    /** A steward's decision; the task closes and the golden records change as decided, in one transaction. */
    @Transactional
    public ReviewTaskView decide(UUID id, DecisionRequest request, String by) {
        if (request == null || request.decision() == null) {
            throw new InvalidInputException(
                    "Send a decision: {\"decision\": \"MERGE\" | \"NOT_A_MATCH\" | \"KEEP_VALUE\" | \"DISMISS\","
                            + " \"value\"?, \"reason\"?}.",
                    List.of(new InvalidInputException.FieldError(
                            "decision", "is required; one of " + Arrays.toString(Decision.values()))));
        }
        ReviewTaskView unlocked = get(id);
        // the golden writers' lock first: an import's conflict check updates tasks while it holds that lock
        golden.lockForEdits(unlocked.type());
        ReviewTaskView task =
                store.findForUpdate(id).orElseThrow(() -> new NotFoundException("There is no review task " + id + "."));
        if (!task.open()) {
            throw new ConflictException(
                    "Task " + id + " is already " + task.status().toLowerCase(Locale.ROOT) + " (" + task.decision()
                            + " by " + task.resolvedBy() + "); open the golden record to change it further.");
        }
        String reason = request.reason() == null || request.reason().isBlank()
                ? null
                : request.reason().strip();
        Decision decision = request.decision();
        switch (decision) {
            case DISMISS -> store.close(id, "DISMISSED", by, decision.name(), reason, Map.of());
            case MERGE -> {
                requireKind(task, decision, "POSSIBLE_MATCH");
                store.close(id, "RESOLVED", by, decision.name(), reason, Map.of());
                golden.merge(
                        task.type(),
                        task.goldenId(),
                        task.otherGoldenId(),
                        by,
                        orDefault(reason, "possible match confirmed"));
            }
            case NOT_A_MATCH -> {
                requireKind(task, decision, "POSSIBLE_MATCH");
                store.close(id, "RESOLVED", by, decision.name(), reason, Map.of());
                golden.assertDifferent(
                        task.type(), task.goldenId(), task.otherGoldenId(), by, orDefault(reason, "not a match"));
            }
            case KEEP_VALUE -> {
                requireKind(task, decision, "CONFLICT");
                String value = keptValue(task, request);
                store.close(
                        id, "RESOLVED", by, decision.name(), reason, value == null ? Map.of() : Map.of("kept", value));
                if (value != null) {
                    golden.override(
                            task.type(),
                            task.goldenId(),
                            task.attribute(),
                            value,
                            by,
                            orDefault(reason, "conflict resolved: " + describe(request, value)));
                }
            }
        }
        return get(id);
    }

    /** The value a KEEP_VALUE sets: the one given, or the candidate of the named source record; null keeps the current. */
    private static String keptValue(ReviewTaskView task, DecisionRequest request) {
        if (request.value() != null && !request.value().isBlank()) {
            return request.value().strip();
        }
        if (request.source() == null || request.source().isBlank()) {
            return null;
        }
        for (Map<String, Object> candidate : task.candidates()) {
            Object sources = candidate.get("sources");
            if (sources instanceof List<?> list) {
                for (Object source : list) {
                    if (source instanceof Map<?, ?> s
                            && request.source().equals(s.get("source"))
                            && (request.sourceKey() == null
                                    || request.sourceKey().equals(s.get("sourceKey")))) {
                        return String.valueOf(candidate.get("value"));
                    }
                }
            }
        }
        throw new InvalidInputException("The conflict lists no value of " + request.source()
                + (request.sourceKey() == null ? "" : ":" + request.sourceKey())
                + "; name a source of its candidates, or send the value.");
    }

    private static String describe(DecisionRequest request, String value) {
        return request.source() != null
                        && !request.source().isBlank()
                        && (request.value() == null || request.value().isBlank())
                ? "kept the value of " + request.source()
                        + (request.sourceKey() == null ? "" : ":" + request.sourceKey())
                : "kept " + value;
    }

    private static void requireKind(ReviewTaskView task, Decision decision, String kind) {
        if (!kind.equals(task.kind())) {
            throw new InvalidInputException(
                    decision + " is a decision on a " + kind + " task; this task is a " + task.kind()
                            + (task.kind().equals("CONFLICT")
                                    ? ": use KEEP_VALUE or DISMISS."
                                    : ": use MERGE, NOT_A_MATCH or DISMISS."));
        }
    }

    private static String orDefault(String reason, String fallback) {
        return reason == null ? fallback : reason;
    }

    private Long typeId(String typeCode) {
        if (typeCode == null || typeCode.isBlank()) {
            return null;
        }
        EntityTypeView type = entityTypes.get(typeCode);
        return type.id();
    }

    private static String oneOf(String field, String value, List<String> allowed) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String upper = value.strip().toUpperCase(Locale.ROOT);
        if (!allowed.contains(upper)) {
            throw new InvalidInputException(
                    field + " must be one of " + String.join(", ", allowed) + ", not '" + value + "'",
                    List.of(new InvalidInputException.FieldError(
                            field, "is not one of " + String.join(", ", allowed))));
        }
        return upper;
    }
}
