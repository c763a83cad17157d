package org.amalgam.ingest.web;

import jakarta.validation.Valid;
import java.lang.reflect.RecordComponent;
import java.security.Principal;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.amalgam.ingest.ImportJobView;
import org.amalgam.ingest.folder.FolderDropView;
import org.amalgam.ingest.folder.FolderDrops;
import org.amalgam.ingest.folder.ScanResult;
import org.amalgam.ingest.jdbc.JdbcPullView;
import org.amalgam.ingest.jdbc.JdbcPulls;
import org.amalgam.ingest.jdbc.PullAlreadyRunningException;
import org.amalgam.model.EntityTypes;
import org.amalgam.shared.InvalidInputException;
import org.amalgam.sources.SourceSystemView;
import org.amalgam.sources.SourceSystems;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The source page's card of JDBC pulls and watched folders (an htmx fragment; the same URL without htmx is a page of
 * its own), the actions on them, and the forms that add and edit them.
 */
@Controller
class InboundController {

    static final String PANEL = "ingest/inbound :: panel";

    private final JdbcPulls pulls;
    private final FolderDrops folders;
    private final SourceSystems sources;
    private final EntityTypes entityTypes;
    private final MessageSource messages;

    InboundController(
            JdbcPulls pulls,
            FolderDrops folders,
            SourceSystems sources,
            EntityTypes entityTypes,
            MessageSource messages) {
        this.pulls = pulls;
        this.folders = folders;
        this.sources = sources;
        this.entityTypes = entityTypes;
        this.messages = messages;
    }

    /** The card; it polls itself while a pull runs or a file is being imported. */
    @GetMapping("/sources/{code}/inbound")
    String panel(
            @PathVariable String code,
            @RequestHeader(value = "HX-Request", required = false) String htmx,
            Model model) {
        listing(code, model);
        return htmx != null ? PANEL : "ingest/inbound";
    }

    @PostMapping("/sources/{code}/pulls/{name}/run")
    String run(
            @PathVariable String code,
            @PathVariable String name,
            @RequestHeader(value = "HX-Request", required = false) String htmx,
            Principal principal,
            Model model,
            RedirectAttributes redirect) {
        ImportJobView job = null;
        String notice;
        boolean ok;
        try {
            job = pulls.runNow(code, name, principal.getName());
            notice = message("inbound.pull.started", name);
            ok = true;
        } catch (PullAlreadyRunningException e) {
            notice = message("inbound.pull.running", name);
            ok = false;
        }
        if (htmx == null) {
            if (ok) {
                return "redirect:/imports/" + job.id();
            }
            redirect.addFlashAttribute("error", notice);
            return "redirect:/sources/" + code;
        }
        listing(code, model);
        notice(model, notice, ok, job == null ? null : job.id().toString());
        return PANEL;
    }

    @PostMapping("/sources/{code}/pulls/{name}/delete")
    String deletePull(
            @PathVariable String code,
            @PathVariable String name,
            @RequestHeader(value = "HX-Request", required = false) String htmx,
            Model model,
            RedirectAttributes redirect) {
        pulls.delete(code, name);
        return afterAction(code, htmx, message("inbound.pull.deleted", name), model, redirect);
    }

    @PostMapping("/sources/{code}/folders/{name}/scan")
    String scan(
            @PathVariable String code,
            @PathVariable String name,
            @RequestHeader(value = "HX-Request", required = false) String htmx,
            Model model,
            RedirectAttributes redirect) {
        ScanResult result = folders.scan(code, name);
        String notice = message(
                "inbound.folder.scanned",
                name,
                result.taken().size(),
                result.waiting().size());
        return afterAction(code, htmx, notice, model, redirect);
    }

    @PostMapping("/sources/{code}/folders/{name}/delete")
    String deleteFolder(
            @PathVariable String code,
            @PathVariable String name,
            @RequestHeader(value = "HX-Request", required = false) String htmx,
            Model model,
            RedirectAttributes redirect) {
        folders.delete(code, name);
        return afterAction(code, htmx, message("inbound.folder.deleted", name), model, redirect);
    }

    @GetMapping("/sources/{code}/pulls/new")
    String newPull(@PathVariable String code, Model model) {
        return pullForm(sources.get(code), PullForm.empty(), null, model);
    }

    @GetMapping("/sources/{code}/pulls/{name}/edit")
    String editPull(@PathVariable String code, @PathVariable String name, Model model) {
        JdbcPullView pull = pulls.get(code, name);
        return pullForm(sources.get(code), PullForm.of(pull), pull, model);
    }

    @PostMapping("/sources/{code}/pulls")
    String savePull(
            @PathVariable String code,
            @Valid @ModelAttribute("form") PullForm form,
            BindingResult binding,
            Model model,
            RedirectAttributes redirect) {
        SourceSystemView source = sources.get(code);
        if (!binding.hasErrors()) {
            if (!form.editing() && pulls.find(code, form.name()).isPresent()) {
                binding.rejectValue("name", "taken", message("inbound.name.taken", form.name()));
            } else {
                try {
                    JdbcPulls.SaveResult result = pulls.save(code, form.name(), form.toDefinition());
                    redirect.addFlashAttribute(
                            "success", message(result.created() ? "pull.created" : "pull.saved", form.name()));
                    return "redirect:/sources/" + code;
                } catch (InvalidInputException e) {
                    reject(binding, e, PullForm.class);
                }
            }
        }
        Optional<JdbcPullView> existing = form.editing() ? pulls.find(code, form.name()) : Optional.empty();
        return pullForm(source, form, existing.orElse(null), model);
    }

    @GetMapping("/sources/{code}/folders/new")
    String newFolder(@PathVariable String code, Model model) {
        return folderForm(sources.get(code), FolderForm.empty(), model);
    }

    @GetMapping("/sources/{code}/folders/{name}/edit")
    String editFolder(@PathVariable String code, @PathVariable String name, Model model) {
        return folderForm(sources.get(code), FolderForm.of(folders.get(code, name)), model);
    }

    @PostMapping("/sources/{code}/folders")
    String saveFolder(
            @PathVariable String code,
            @Valid @ModelAttribute("form") FolderForm form,
            BindingResult binding,
            Model model,
            RedirectAttributes redirect) {
        SourceSystemView source = sources.get(code);
        if (!binding.hasErrors()) {
            if (!form.editing() && folders.find(code, form.name()).isPresent()) {
                binding.rejectValue("name", "taken", message("inbound.name.taken", form.name()));
            } else {
                try {
                    FolderDrops.SaveResult result = folders.save(code, form.name(), form.toDefinition());
                    redirect.addFlashAttribute(
                            "success", message(result.created() ? "folder.created" : "folder.saved", form.name()));
                    return "redirect:/sources/" + code;
                } catch (InvalidInputException e) {
                    reject(binding, e, FolderForm.class);
                }
            }
        }
        return folderForm(source, form, model);
    }

    private String pullForm(SourceSystemView source, PullForm form, JdbcPullView pull, Model model) {
        model.addAttribute("source", source);
        model.addAttribute("form", form);
        model.addAttribute("pull", pull);
        model.addAttribute("types", entityTypes.list());
        return "ingest/pull-form";
    }

    private String folderForm(SourceSystemView source, FolderForm form, Model model) {
        model.addAttribute("source", source);
        model.addAttribute("form", form);
        model.addAttribute("types", entityTypes.list());
        return "ingest/folder-form";
    }

    /** The domain's field errors appear next to their fields; the rest above the form. */
    private static void reject(BindingResult binding, InvalidInputException e, Class<? extends Record> form) {
        Set<String> fields = Arrays.stream(form.getRecordComponents())
                .map(RecordComponent::getName)
                .collect(Collectors.toSet());
        e.errors().forEach(error -> {
            if (fields.contains(error.field())) {
                binding.rejectValue(error.field(), "invalid", error.message());
            } else {
                binding.reject("invalid", error.field() + " " + error.message());
            }
        });
        if (e.errors().isEmpty()) {
            binding.reject("invalid", e.getMessage());
        }
    }

    private String afterAction(String code, String htmx, String notice, Model model, RedirectAttributes redirect) {
        if (htmx == null) {
            redirect.addFlashAttribute("success", notice);
            return "redirect:/sources/" + code;
        }
        listing(code, model);
        notice(model, notice, true, null);
        return PANEL;
    }

    private void listing(String code, Model model) {
        SourceSystemView source = sources.get(code);
        List<JdbcPullView> pullList = pulls.list(code);
        List<FolderDropView> folderList = folders.list(code);
        model.addAttribute("source", source);
        model.addAttribute("pulls", pullList);
        model.addAttribute("folders", folderList);
        boolean busy = pullList.stream().anyMatch(JdbcPullView::running)
                || folderList.stream().flatMap(f -> f.recentFiles().stream()).anyMatch(file -> "PROCESSING"
                        .equals(file.status()));
        model.addAttribute("busy", busy);
    }

    private static void notice(Model model, String text, boolean ok, String jobId) {
        model.addAttribute("notice", text);
        model.addAttribute("noticeOk", ok);
        model.addAttribute("noticeJob", jobId);
    }

    private String message(String key, Object... arguments) {
        return messages.getMessage(key, arguments, LocaleContextHolder.getLocale());
    }
}
