package org.amalgam.stewardship.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.security.Principal;
import java.util.List;
import java.util.UUID;
import org.amalgam.stewardship.DecisionRequest;
import org.amalgam.stewardship.ReviewTaskView;
import org.amalgam.stewardship.ReviewTasks;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Review tasks", description = "A steward's review queue: possible matches and conflicts, and decisions")
class TaskApiController {

    private final ReviewTasks tasks;

    TaskApiController(ReviewTasks tasks) {
        this.tasks = tasks;
    }

    @GetMapping("/api/v1/tasks")
    @Operation(
            summary = "Review tasks, oldest first (STEWARD)",
            description = "type: an entity type code; kind: POSSIBLE_MATCH, CONFLICT or DATA_QUALITY; status: OPEN"
                    + " (default), RESOLVED or DISMISSED; limit from 1 to 500 (default 100). A CONFLICT lists every"
                    + " candidate value with the source records that offer it.")
    List<ReviewTaskView> list(
            @RequestParam(required = false) String type,
            @RequestParam(required = false) String kind,
            @RequestParam(defaultValue = "OPEN") String status,
            @RequestParam(defaultValue = "100") int limit) {
        return tasks.list(type, kind, status, limit);
    }

    @GetMapping("/api/v1/tasks/{id}")
    @Operation(summary = "One review task (STEWARD)")
    ReviewTaskView get(@PathVariable UUID id) {
        return tasks.get(id);
    }

    @PostMapping("/api/v1/tasks/{id}/decision")
    @Operation(
            summary = "Decide a review task (STEWARD)",
            description = "Body {\"decision\", \"value\"?, \"source\"?, \"sourceKey\"?, \"reason\"?}. POSSIBLE_MATCH:"
                    + " MERGE (the golden records are merged; the older id survives) or NOT_A_MATCH (DIFFERENT is"
                    + " asserted between their source records). CONFLICT: KEEP_VALUE with value (set as a steward"
                    + " override), with source and sourceKey (that source's value is set as the override), or with"
                    + " neither (the current value stays; the same disagreement opens no new task). Any kind: DISMISS."
                    + " A task that is no longer open answers 409.")
    ReviewTaskView decide(@PathVariable UUID id, @RequestBody DecisionRequest request, Principal principal) {
        return tasks.decide(id, request, principal.getName());
    }
}
