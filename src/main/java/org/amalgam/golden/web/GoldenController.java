package org.amalgam.golden.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.amalgam.golden.CrosswalkEntryView;
import org.amalgam.golden.GoldenRecordView;
import org.amalgam.golden.GoldenRecords;
import org.amalgam.golden.MergeOutcome;
import org.amalgam.golden.SplitOutcome;
import org.amalgam.golden.SplitPlan;
import org.amalgam.ingest.SourceRecords;
import org.amalgam.model.EntityTypeView;
import org.amalgam.model.EntityTypes;
import org.amalgam.shared.ConflictException;
import org.amalgam.shared.InvalidInputException;
import org.amalgam.shared.NotFoundException;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

@Controller
class GoldenController {

    static final int PAGE_SIZE = 25;

    private final GoldenRecords golden;
    private final SourceRecords sourceRecords;
    private final EntityTypes entityTypes;
    private final MessageSource messages;

    GoldenController(
            GoldenRecords golden, SourceRecords sourceRecords, EntityTypes entityTypes, MessageSource messages) {
        this.golden = golden;
        this.sourceRecords = sourceRecords;
        this.entityTypes = entityTypes;
        this.messages = messages;
    }

    /** The search page; an htmx search gets only the results. */
    @GetMapping("/golden/{type}")
    String list(
            @PathVariable String type,
            @RequestParam(required = false) String q,
            @RequestParam(defaultValue = "0") int page,
            @RequestHeader(value = "HX-Request", required = false) String htmx,
            Model model) {
        EntityTypeView entityType = entityTypes.get(type);
        model.addAttribute("type", entityType);
        model.addAttribute("types", entityTypes.list());
        model.addAttribute("q", q);
        model.addAttribute("columns", entityType.summaryAttributeNames());
        model.addAttribute("result", golden.search(type, q, Math.max(0, page), PAGE_SIZE));
        return htmx != null ? "golden/list :: results" : "golden/list";
    }

    /** Links among a golden record's members shown on its page, strongest first. */
    static final int MEMBER_LINKS = 20;

    /** A golden record; a merged-away id redirects to the record it lives in now. */
    @GetMapping("/golden/{type}/{id}")
    String detail(@PathVariable String type, @PathVariable UUID id, Model model, RedirectAttributes redirect) {
        EntityTypeView entityType = entityTypes.get(type);
        Optional<UUID> survivor = golden.survivorOf(type, id);
        if (survivor.isPresent()) {
            redirect.addFlashAttribute("redirectedFrom", id);
            return "redirect:/golden/" + entityType.code() + "/" + survivor.get();
        }
        GoldenRecordView record = golden.get(type, id);
        model.addAttribute("type", entityType);
        model.addAttribute("record", record);
        model.addAttribute("recordTitle", title(entityType, record));
        List<Long> memberIds = record.crosswalk().stream()
                .map(CrosswalkEntryView::sourceRecordId)
                .toList();
        model.addAttribute("members", sourceRecords.findByIds(memberIds));
        model.addAttribute("links", golden.linksAmong(memberIds, MEMBER_LINKS));
        return "golden/detail";
    }

    /** Every version with who, what and why, and what changed from the version before. */
    @GetMapping("/golden/{type}/{id}/history")
    String history(@PathVariable String type, @PathVariable UUID id, Model model) {
        EntityTypeView entityType = entityTypes.get(type);
        GoldenRecordView record = golden.get(type, id);
        model.addAttribute("type", entityType);
        model.addAttribute("record", record);
        model.addAttribute("recordTitle", title(entityType, record));
        model.addAttribute("versions", golden.history(type, id));
        return "golden/history";
    }

    @PostMapping("/golden/{type}/{id}/values")
    String override(
            @PathVariable String type,
            @PathVariable UUID id,
            @ModelAttribute OverrideForm form,
            Principal principal,
            RedirectAttributes redirect) {
        return attempt(type, id, redirect, () -> {
            golden.override(type, id, form.attribute(), form.value(), principal.getName(), form.reason());
            return message("golden.override.done", form.attribute());
        });
    }

    @PostMapping("/golden/{type}/{id}/values/{attribute}/remove")
    String removeOverride(
            @PathVariable String type,
            @PathVariable UUID id,
            @PathVariable String attribute,
            Principal principal,
            RedirectAttributes redirect) {
        return attempt(type, id, redirect, () -> {
            golden.removeOverride(type, id, attribute, principal.getName(), null);
            return message("golden.override.removed", attribute);
        });
    }

    /** The merge confirmation: both records side by side, and which id survives. */
    @GetMapping("/golden/{type}/{id}/merge")
    String confirmMerge(
            @PathVariable String type,
            @PathVariable UUID id,
            @RequestParam(name = "with", required = false) String with,
            Model model,
            RedirectAttributes redirect) {
        EntityTypeView entityType = entityTypes.get(type);
        UUID other = parseId(with);
        if (other == null || other.equals(id)) {
            redirect.addFlashAttribute("error", message("golden.merge.badId", with == null ? "" : with));
            return "redirect:/golden/" + entityType.code() + "/" + id;
        }
        GoldenRecordView record = golden.get(type, id);
        GoldenRecordView otherRecord;
        try {
            otherRecord = golden.get(type, other);
        } catch (NotFoundException e) {
            redirect.addFlashAttribute("error", e.getMessage());
            return "redirect:/golden/" + entityType.code() + "/" + id;
        }
        boolean thisSurvives = !otherRecord.createdAt().isBefore(record.createdAt());
        model.addAttribute("type", entityType);
        model.addAttribute("record", record);
        model.addAttribute("other", otherRecord);
        model.addAttribute("recordTitle", title(entityType, record));
        model.addAttribute("otherTitle", title(entityType, otherRecord));
        model.addAttribute("survivor", thisSurvives ? record : otherRecord);
        model.addAttribute("absorbed", thisSurvives ? otherRecord : record);
        model.addAttribute("form", new MergeForm(other.toString(), ""));
        return "golden/merge";
    }

    @PostMapping("/golden/{type}/{id}/merge")
    String merge(
            @PathVariable String type,
            @PathVariable UUID id,
            @ModelAttribute MergeForm form,
            Principal principal,
            RedirectAttributes redirect) {
        UUID other = parseId(form.with());
        if (other == null) {
            redirect.addFlashAttribute("error", message("golden.merge.badId", form.with()));
            return "redirect:/golden/" + entityTypes.get(type).code() + "/" + id;
        }
        try {
            MergeOutcome outcome = golden.merge(type, id, other, principal.getName(), form.reason());
            redirect.addFlashAttribute("success", message("golden.merge.done", outcome.absorbedId()));
            return "redirect:/golden/" + entityTypes.get(type).code() + "/" + outcome.survivorId();
        } catch (InvalidInputException | ConflictException | NotFoundException e) {
            redirect.addFlashAttribute("error", e.getMessage());
            return "redirect:/golden/" + entityTypes.get(type).code() + "/" + id + "/merge?with=" + other;
        }
    }

    /** The split confirmation: which source records move, where, and which stay. */
    @GetMapping("/golden/{type}/{id}/split")
    String confirmSplit(
            @PathVariable String type,
            @PathVariable UUID id,
            @RequestParam String source,
            @RequestParam String sourceKey,
            Model model,
            RedirectAttributes redirect) {
        EntityTypeView entityType = entityTypes.get(type);
        SplitPlan plan;
        try {
            plan = golden.planSplit(type, id, source, sourceKey);
        } catch (InvalidInputException | ConflictException | NotFoundException e) {
            redirect.addFlashAttribute("error", e.getMessage());
            return "redirect:/golden/" + entityType.code() + "/" + id;
        }
        GoldenRecordView record = golden.get(type, id);
        model.addAttribute("type", entityType);
        model.addAttribute("record", record);
        model.addAttribute("recordTitle", title(entityType, record));
        model.addAttribute("plan", plan);
        model.addAttribute("form", new SplitForm(source, sourceKey, ""));
        return "golden/split";
    }

    @PostMapping("/golden/{type}/{id}/split")
    String split(
            @PathVariable String type,
            @PathVariable UUID id,
            @ModelAttribute SplitForm form,
            Principal principal,
            RedirectAttributes redirect) {
        String code = entityTypes.get(type).code();
        try {
            SplitOutcome outcome =
                    golden.split(type, id, form.source(), form.sourceKey(), principal.getName(), form.reason());
            redirect.addFlashAttribute(
                    "success",
                    message(
                            outcome.restored() ? "golden.split.restored" : "golden.split.created",
                            String.join(", ", outcome.moved()),
                            outcome.toId()));
            redirect.addFlashAttribute("splitTarget", outcome.toId());
            return "redirect:/golden/" + code + "/" + id;
        } catch (InvalidInputException | ConflictException | NotFoundException e) {
            redirect.addFlashAttribute("error", e.getMessage());
            return "redirect:/golden/" + code + "/" + id;
        }
    }

    private String attempt(
            String type, UUID id, RedirectAttributes redirect, java.util.function.Supplier<String> edit) {
        String code = entityTypes.get(type).code();
        try {
            redirect.addFlashAttribute("success", edit.get());
        } catch (InvalidInputException | ConflictException | NotFoundException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/golden/" + code + "/" + id;
    }

    private String message(String key, Object... args) {
        return messages.getMessage(key, args, LocaleContextHolder.getLocale());
    }

    private static UUID parseId(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(text.strip());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @GetMapping("/golden/{type}/export.csv")
    void export(@PathVariable String type, @RequestParam(required = false) String q, HttpServletResponse response)
            throws IOException {
        entityTypes.get(type);
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"golden-" + type + ".csv\"");
        Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        golden.writeGoldenCsv(type, q, out);
        out.flush();
    }

    /** A readable name for the record: the name attributes when the type has them, else the id. */
    static String title(EntityTypeView type, GoldenRecordView record) {
        List<String> parts = Stream.of("first_name", "last_name", "name")
                .filter(a -> type.attribute(a).isPresent())
                .map(a -> record.values().get(a))
                .filter(Objects::nonNull)
                .map(Object::toString)
                .toList();
        return parts.isEmpty() ? record.id().toString() : parts.stream().collect(Collectors.joining(" "));
    }
}
