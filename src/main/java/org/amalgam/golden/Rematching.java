package org.amalgam.golden;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.amalgam.golden.domain.RematchJobs;
import org.amalgam.golden.domain.RematchPreview;
import org.amalgam.match.Matching;
import org.amalgam.match.engine.MatchSettings;
import org.amalgam.match.engine.SettingsProblem;
import org.amalgam.model.EntityTypeView;
import org.amalgam.model.EntityTypes;
import org.amalgam.model.ModelDraft;
import org.amalgam.shared.InvalidInputException;
import org.amalgam.shared.InvalidInputException.FieldError;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Changing the rules safely: a dry run of a changed model (what its match and survivorship settings would do to the
 * golden records, nothing written), and the background re-match that follows when a model with changed settings is
 * saved.
 */
@Service
@Transactional(readOnly = true)
public class Rematching {

    public static final int DEFAULT_SAMPLES = 10;
    public static final int MAX_SAMPLES = 100;

    private final EntityTypes entityTypes;
    private final Matching matching;
    private final RematchPreview preview;
    private final RematchJobs jobs;

    Rematching(EntityTypes entityTypes, Matching matching, RematchPreview preview, RematchJobs jobs) {
        this.entityTypes = entityTypes;
        this.matching = matching;
        this.preview = preview;
        this.jobs = jobs;
    }

    /**
     * What saving this model document would do to the type's golden records. The document is checked as a save
     * checks it (and its match settings too); the read-only transaction guarantees that nothing is written.
     */
    public DryRunReport dryRun(String typeCode, String text, boolean yaml, int samples) {
        if (samples < 0 || samples > MAX_SAMPLES) {
            throw new InvalidInputException("samples must be between 0 and " + MAX_SAMPLES + " (golden records shown"
                    + " per outcome; " + DEFAULT_SAMPLES + " when left out).");
        }
        // the draft is checked as a save checks it, the match section included (by the match module's
        // ModelSectionChecker); the problems are reported the same way here should the settings still not parse
        ModelDraft draft = entityTypes.draft(typeCode, text, yaml);
        MatchSettings.Parsed parsed = matching.settings(
                typeCode, draft.document().get("match"), draft.type().attributes());
        if (!parsed.valid()) {
            List<FieldError> errors = new ArrayList<>();
            for (SettingsProblem problem : parsed.problems()) {
                errors.add(new FieldError(problem.field(), problem.message(), draft.line(problem.path())));
            }
            throw new InvalidInputException("The model of " + typeCode + " is not valid", errors);
        }
        EntityTypeView current = entityTypes.get(typeCode);
        return preview.report(current, draft.type(), parsed.orElseThrow(), samples);
    }

    /** A dry run of the stored model: what matching every record again under today's rules would change. */
    public DryRunReport dryRunStored(String typeCode, int samples) {
        return dryRun(typeCode, entityTypes.documentText(typeCode, true), true, samples);
    }

    /** The latest re-match of the type, if it ever had one. */
    public Optional<RematchJobView> latest(String typeCode) {
        return jobs.latest(entityTypes.get(typeCode));
    }
}
