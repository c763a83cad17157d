package org.amalgam.match;

import java.util.List;
import java.util.Map;
import org.amalgam.match.engine.MatchSettings;
import org.amalgam.model.AttributeDefinition;
import org.amalgam.model.ModelSectionChecker;
import org.springframework.stereotype.Component;

/**
 * The model's {@code match} section, checked when a model is checked, saved or dry-run: every problem the settings
 * parser finds (an unknown attribute in a blocking key or comparison, an unknown level, thresholds out of order …)
 * with its path, so that settings the engine could not use are never saved. An empty section means the defaults.
 */
@Component
class MatchSectionChecker implements ModelSectionChecker {

    @Override
    public String section() {
        return "match";
    }

    @Override
    public List<Problem> check(String typeCode, Map<String, Object> section, List<AttributeDefinition> attributes) {
        return MatchSettings.validate(section, attributes).stream()
                .map(problem -> new Problem(problem.path(), problem.field(), problem.message()))
                .toList();
    }
}
