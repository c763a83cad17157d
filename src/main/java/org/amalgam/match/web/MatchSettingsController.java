package org.amalgam.match.web;

import java.util.LinkedHashMap;
import java.util.Map;
import org.amalgam.match.Matching;
import org.amalgam.match.ScoreHistogram;
import org.amalgam.match.WeightTable;
import org.amalgam.model.EntityTypeView;
import org.amalgam.model.EntityTypes;
import org.amalgam.shared.ConflictException;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.json.JsonMapper;

/**
 * The match settings of an entity type: thresholds, blocking keys, the comparisons with their m/u weights, a histogram
 * of match scores, and (for an administrator) estimating the weights again and a dry run.
 */
@Controller
class MatchSettingsController {

    private final EntityTypes entityTypes;
    private final Matching matching;
    private final MessageSource messages;
    private final JsonMapper json;

    MatchSettingsController(EntityTypes entityTypes, Matching matching, MessageSource messages, JsonMapper json) {
        this.entityTypes = entityTypes;
        this.matching = matching;
        this.messages = messages;
        this.json = json;
    }

    @GetMapping("/model/{type}/match")
    String page(@PathVariable String type, Model model) {
        EntityTypeView entityType = entityTypes.get(type);
        model.addAttribute("type", entityType);
        model.addAttribute("table", matching.weightTable(entityType));
        addHistogram(entityType, model);
        return "match/settings";
    }

    /**
     * Estimates the weights from the type's stored records. htmx gets the new weight table (and the histogram, which
     * may change with the weights); a plain form post goes back to the page with a message.
     */
    @PostMapping("/model/{type}/match/estimate")
    String estimate(
            @PathVariable String type,
            @RequestHeader(value = "HX-Request", required = false) String htmx,
            Model model,
            RedirectAttributes redirect) {
        EntityTypeView entityType = entityTypes.get(type);
        String success = null;
        String error = null;
        WeightTable table;
        try {
            table = matching.estimateFromStoredRecords(entityType);
            success = message("match.estimate.done", table.recordCount(), table.modelVersion());
        } catch (ConflictException e) {
            error = e.getMessage();
            table = matching.weightTable(entityType);
        }
        if (htmx == null) {
            redirect.addFlashAttribute(success != null ? "success" : "error", success != null ? success : error);
            return "redirect:/model/" + entityType.code() + "/match";
        }
        model.addAttribute("type", entityType);
        model.addAttribute("table", table);
        model.addAttribute("success", success);
        model.addAttribute("error", error);
        addHistogram(entityType, model);
        model.addAttribute("outOfBand", true);
        return "match/settings :: estimated";
    }

    private void addHistogram(EntityTypeView type, Model model) {
        model.addAttribute("num", NumberText.INSTANCE);
        ScoreHistogram histogram = matching.scoreHistogram(type);
        model.addAttribute("histogram", histogram);
        Map<String, Object> chart = new LinkedHashMap<>();
        chart.put("bins", histogram.chartData());
        chart.put("same", histogram.sameBits());
        chart.put("possible", histogram.possibleBits());
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("x", message("match.histogram.axis.bits"));
        labels.put("y", message("match.histogram.axis.pairs"));
        labels.put("same", message("match.band.same"));
        labels.put("possible", message("match.band.possible"));
        labels.put("different", message("match.band.different"));
        chart.put("labels", labels);
        model.addAttribute("chartJson", json.writeValueAsString(chart));
    }

    private String message(String key, Object... args) {
        return messages.getMessage(key, args, LocaleContextHolder.getLocale());
    }
}
