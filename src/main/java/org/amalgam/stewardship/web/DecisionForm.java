package org.amalgam.stewardship.web;

import org.amalgam.stewardship.Decision;
import org.amalgam.stewardship.DecisionRequest;

/** A decision button or form on the task page. */
record DecisionForm(Decision decision, String value, String source, String sourceKey, String reason) {

    DecisionRequest toRequest() {
        return new DecisionRequest(decision, value, source, sourceKey, reason);
    }
}
