package org.amalgam.stewardship.web;

import java.security.Principal;
import java.util.Optional;
import java.util.UUID;
import org.amalgam.golden.GoldenRecordView;
import org.amalgam.golden.GoldenRecords;
import org.amalgam.model.EntityTypes;
import org.amalgam.shared.ConflictException;
import org.amalgam.shared.InvalidInputException;
import org.amalgam.shared.NotFoundException;
import org.amalgam.stewardship.ReviewTaskView;
import org.amalgam.stewardship.ReviewTasks;
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
class ReviewController {

    static final int PAGE_SIZE = 200;

    private final ReviewTasks tasks;
    private final GoldenRecords golden;
    private final EntityTypes entityTypes;
    private final MessageSource messages;

    ReviewController(ReviewTasks tasks, GoldenRecords golden, EntityTypes entityTypes, MessageSource messages) {
        this.tasks = tasks;
        this.golden = golden;
        this.entityTypes = entityTypes;
        this.messages = messages;
    }

    /** The queue with its filters; an htmx filter change gets only the results. */
    @GetMapping("/tasks")
    String queue(
            @RequestParam(required = false) String type,
            @RequestParam(required = false) String kind,
            @RequestParam(defaultValue = "OPEN") String status,
            @RequestHeader(value = "HX-Request", required = false) String htmx,
            Model model) {
        model.addAttribute("types", entityTypes.list());
        model.addAttribute("kinds", ReviewTasks.KINDS);
        model.addAttribute("statuses", ReviewTasks.STATUSES);
        model.addAttribute("type", type);
        model.addAttribute("kind", kind);
        model.addAttribute("status", status);
        model.addAttribute("tasks", tasks.list(type, kind, status, PAGE_SIZE));
        model.addAttribute("total", tasks.count(type, kind, status));
        return htmx != null ? "stewardship/queue :: results" : "stewardship/queue";
    }

    @GetMapping("/tasks/{id}")
    String task(@PathVariable UUID id, Model model) {
        ReviewTaskView task = tasks.get(id);
        model.addAttribute("task", task);
        model.addAttribute("type", entityTypes.get(task.type()));
        model.addAttribute("golden", find(task.type(), task.goldenId()));
        model.addAttribute("other", task.otherGoldenId() == null ? null : find(task.type(), task.otherGoldenId()));
        model.addAttribute("next", tasks.nextOpen(id).orElse(null));
        return "stewardship/task";
    }

    @PostMapping("/tasks/{id}/decision")
    String decide(
            @PathVariable UUID id,
            @ModelAttribute DecisionForm form,
            Principal principal,
            RedirectAttributes redirect) {
        try {
            ReviewTaskView decided = tasks.decide(id, form.toRequest(), principal.getName());
            redirect.addFlashAttribute(
                    "success",
                    messages.getMessage(
                            "task.decided", new Object[] {decided.decision()}, LocaleContextHolder.getLocale()));
            Optional<UUID> next = tasks.nextOpen(id);
            return next.map(n -> "redirect:/tasks/" + n).orElse("redirect:/tasks");
        } catch (InvalidInputException | ConflictException | NotFoundException e) {
            redirect.addFlashAttribute("error", e.getMessage());
            return "redirect:/tasks/" + id;
        }
    }

    private GoldenRecordView find(String type, UUID id) {
        try {
            return golden.get(type, id);
        } catch (NotFoundException e) {
            return null;
        }
    }
}
