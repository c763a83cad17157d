package org.amalgam.stewardship.domain;

import org.amalgam.golden.PossibleMatchFound;
import org.amalgam.stewardship.ReviewTasks;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Opens a POSSIBLE_MATCH review task for every pair of golden records the matcher could not decide alone. */
@Component
class PossibleMatchTasks {

    private final ReviewTasks tasks;

    PossibleMatchTasks(ReviewTasks tasks) {
        this.tasks = tasks;
    }

    @EventListener
    void on(PossibleMatchFound event) {
        if (!event.goldenId().equals(event.otherGoldenId())) {
            tasks.openPossibleMatch(event.entityTypeId(), event.goldenId(), event.otherGoldenId(), event.details());
        }
    }
}
