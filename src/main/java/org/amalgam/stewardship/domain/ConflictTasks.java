package org.amalgam.stewardship.domain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.amalgam.golden.GoldenRecords;
import org.amalgam.golden.GoldenRecordsChanged;
import org.amalgam.golden.LineageView;
import org.amalgam.model.EntityTypeView;
import org.amalgam.model.EntityTypes;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Opens a CONFLICT task when the live sources of a golden record disagree on a conflict-sensitive attribute, and
 * closes it by itself when they agree again. Runs in the transaction that changed the golden records, one batch at a
 * time. A disagreement a steward already settled does not open a task again until the values offered change.
 */
@Component
class ConflictTasks {

    private final GoldenRecords golden;
    private final EntityTypes entityTypes;
    private final ReviewTaskStore store;
    private final JsonMapper json;

    ConflictTasks(GoldenRecords golden, EntityTypes entityTypes, ReviewTaskStore store, JsonMapper json) {
        this.golden = golden;
        this.entityTypes = entityTypes;
        this.store = store;
        this.json = json;
    }

    @EventListener
    void on(GoldenRecordsChanged event) {
        EntityTypeView type = entityTypes.findById(event.entityTypeId()).orElseThrow();
        if (!event.created()) {
            // new golden records have no tasks yet: only their sources' disagreements can open one
            store.closeObsoleteMatches(event.goldenIds());
        }
        List<String> sensitive = type.conflictSensitiveAttributeNames();
        Map<UUID, Map<String, LineageView>> disagreements =
                golden.disagreements(type.id(), event.goldenIds(), sensitive);
        Map<String, String> details = new HashMap<>();
        Map<String, String> fingerprints = new LinkedHashMap<>();
        disagreements.forEach((id, byAttribute) -> byAttribute.forEach((attribute, lineage) -> {
            Map<String, Object> conflict = details(lineage);
            fingerprints.put(id + "/" + attribute, (String) conflict.get("fingerprint"));
            details.put(id + "/" + attribute, json.writeValueAsString(conflict));
        }));

        List<UUID> close = new ArrayList<>();
        List<UUID> refresh = new ArrayList<>();
        List<String> refreshed = new ArrayList<>();
        Map<String, Boolean> open = new HashMap<>();
        List<ReviewTaskStore.OpenConflict> openConflicts =
                event.created() ? List.of() : store.openConflicts(event.goldenIds());
        for (ReviewTaskStore.OpenConflict task : openConflicts) {
            String key = task.goldenId() + "/" + task.attribute();
            open.put(key, true);
            if (!fingerprints.containsKey(key)) {
                close.add(task.id());
            } else if (!Objects.equals(task.fingerprint(), fingerprints.get(key))) {
                refresh.add(task.id());
                refreshed.add(details.get(key));
            }
        }
        store.closeConflicts(close);
        store.refreshDetails(refresh, refreshed);

        Map<String, String> settled = fingerprints.isEmpty() || event.created()
                ? Map.of()
                : store.settledFingerprints(disagreements.keySet());
        List<UUID> goldens = new ArrayList<>();
        List<String> attributes = new ArrayList<>();
        List<String> newDetails = new ArrayList<>();
        fingerprints.forEach((key, fingerprint) -> {
            if (open.containsKey(key) || fingerprint.equals(settled.get(key))) {
                return;
            }
            int slash = key.indexOf('/');
            goldens.add(UUID.fromString(key.substring(0, slash)));
            attributes.add(key.substring(slash + 1));
            newDetails.add(details.get(key));
        });
        store.insertConflicts(type.id(), goldens, attributes, newDetails);
    }

    /** The candidate values, each with the source records that offer it, and a fingerprint of the values. */
    private Map<String, Object> details(LineageView lineage) {
        Map<Object, List<Map<String, Object>>> byValue = new LinkedHashMap<>();
        for (LineageView.Candidate candidate : lineage.candidates()) {
            Map<String, Object> source = new LinkedHashMap<>();
            source.put("source", candidate.source());
            source.put("sourceKey", candidate.sourceKey());
            source.put("sourceRecordId", candidate.sourceRecordId());
            source.put("version", candidate.version());
            byValue.computeIfAbsent(candidate.value(), v -> new ArrayList<>()).add(source);
        }
        List<Map<String, Object>> candidates = new ArrayList<>();
        byValue.forEach((value, sources) -> {
            Map<String, Object> candidate = new LinkedHashMap<>();
            candidate.put("value", value);
            candidate.put("sources", sources);
            candidates.add(candidate);
        });
        Map<String, Object> details = new LinkedHashMap<>();
        details.put(
                "current",
                lineage.overridden() ? null : lineage.candidates().get(0).value());
        details.put("rule", lineage.rule());
        details.put("candidates", candidates);
        details.put(
                "fingerprint",
                byValue.keySet().stream().map(String::valueOf).sorted().toList().toString());
        return details;
    }
}
