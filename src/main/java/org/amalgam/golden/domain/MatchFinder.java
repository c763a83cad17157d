package org.amalgam.golden.domain;

import java.util.Map;
import org.amalgam.match.engine.IncrementalMatcher;
import org.amalgam.model.EntityTypeView;
import org.springframework.stereotype.Component;

/** Finds the matches of a record that is not stored (the match API), with the assigner's own candidate search. */
@Component
public class MatchFinder {

    private final MatchAssigner assigner;

    MatchFinder(MatchAssigner assigner) {
        this.assigner = assigner;
    }

    public IncrementalMatcher.Decision findMatches(EntityTypeView type, Map<String, Object> standardized) {
        return assigner.findMatches(type, standardized);
    }
}
