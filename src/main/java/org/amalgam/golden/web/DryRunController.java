package org.amalgam.golden.web;

import java.util.List;
import org.amalgam.golden.DryRunReport;
import org.amalgam.golden.Rematching;
import org.amalgam.model.EntityTypes;
import org.amalgam.shared.InvalidInputException;
import org.amalgam.shared.InvalidInputException.FieldError;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The dry run of a changed model in the browser: what its match and survivorship settings would do to the golden
 * records. An htmx request gets the report alone (for {@code #dry-run-result}), any other the page around it. A model
 * with problems gets them listed in place of the report.
 */
@Controller
class DryRunController {

    private final Rematching rematching;
    private final EntityTypes entityTypes;

    DryRunController(Rematching rematching, EntityTypes entityTypes) {
        this.rematching = rematching;
        this.entityTypes = entityTypes;
    }

    /**
     * @param text the model as YAML (form field {@code model}; the model editor's field {@code yaml} is taken too);
     *     empty for the stored model
     */
    @PostMapping("/model/{type}/match/dry-run")
    String dryRun(
            @PathVariable String type,
            @RequestParam(name = "model", required = false) String text,
            @RequestParam(name = "yaml", required = false) String yaml,
            @RequestHeader(value = "HX-Request", required = false) String htmx,
            Model model) {
        model.addAttribute("type", entityTypes.get(type));
        model.addAttribute("outcomeCounts", DryRunReport.OUTCOME_COUNTS);
        String document = text != null && !text.isBlank() ? text : yaml;
        boolean stored = document == null || document.isBlank();
        model.addAttribute("stored", stored);
        model.addAttribute("modelText", stored ? entityTypes.documentText(type, true) : document);
        try {
            DryRunReport report = stored
                    ? rematching.dryRunStored(type, Rematching.DEFAULT_SAMPLES)
                    : rematching.dryRun(type, document, true, Rematching.DEFAULT_SAMPLES);
            model.addAttribute("report", report);
            model.addAttribute("errors", List.of());
        } catch (InvalidInputException e) {
            model.addAttribute(
                    "errors", e.errors().isEmpty() ? List.of(new FieldError("", e.getMessage())) : e.errors());
        }
        return htmx != null ? "golden/dry-run :: result" : "golden/dry-run";
    }
}
