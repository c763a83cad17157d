package org.amalgam.ingest.web;

import jakarta.servlet.http.HttpServletResponse;
import java.security.Principal;
import java.util.UUID;
import org.amalgam.ingest.ImportJobView;
import org.amalgam.ingest.MappingStep;
import org.amalgam.ingest.StagedUploadView;
import org.amalgam.ingest.StagedUploads;
import org.amalgam.shared.InvalidInputException;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The mapping step of a browser upload: the source page's upload form stages the file, this page maps its columns
 * while previewing the first rows, and then imports it or cancels it.
 */
@Controller
class MappingStepController {

    static final String HX_REQUEST = "HX-Request";

    private final StagedUploads staging;
    private final MessageSource messages;

    MappingStepController(StagedUploads staging, MessageSource messages) {
        this.staging = staging;
        this.messages = messages;
    }

    /** Stages the upload and opens its mapping step; a file that cannot be imported goes back to the source page. */
    @PostMapping("/sources/{code}/imports")
    String upload(@PathVariable String code, UploadForm form, Principal principal, RedirectAttributes redirect) {
        if (!form.fileChosen()) {
            redirect.addFlashAttribute("error", message("upload.file.missing"));
            return "redirect:/sources/" + code;
        }
        try {
            StagedUploadView staged = staging.stage(
                    code,
                    form.typeOrDefault(),
                    form.file().getOriginalFilename(),
                    target -> form.file().transferTo(target.toFile()),
                    form.fullSnapshot(),
                    principal.getName());
            return "redirect:/imports/staged/" + staged.id();
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("error", e.getMessage());
            return "redirect:/sources/" + code;
        }
    }

    /**
     * The mapping page; with choices in the query it previews them. The table's own refresh (an htmx request) gets only
     * the table.
     */
    @GetMapping("/imports/staged/{id}")
    String step(
            @PathVariable UUID id,
            MappingForm form,
            @RequestHeader(value = HX_REQUEST, required = false) String htmx,
            Model model,
            HttpServletResponse response) {
        StagedUploadView upload = staging.get(id);
        if (upload.imported()) {
            if (htmx != null) {
                // the table's refresh would otherwise swap the job page into the table
                response.setHeader("HX-Redirect", "/imports/" + upload.importJobId());
                response.setStatus(HttpServletResponse.SC_NO_CONTENT);
                return null;
            }
            return "redirect:/imports/" + upload.importJobId();
        }
        page(model, staging.step(id, form.choices()), form);
        return htmx != null ? "ingest/mapping :: mapping-table" : "ingest/mapping";
    }

    /** Imports the file with the chosen mapping and goes to the job; a wrong choice shows the page again. */
    @PostMapping("/imports/staged/{id}")
    String importFile(@PathVariable UUID id, MappingForm form, Principal principal, Model model) {
        try {
            ImportJobView job = staging.importWith(
                    id,
                    form.choices(),
                    Boolean.TRUE.equals(form.snapshot()),
                    Boolean.TRUE.equals(form.saveProfile()),
                    principal.getName());
            return "redirect:/imports/" + job.id();
        } catch (InvalidInputException e) {
            page(model, staging.step(id, form.choices()), form);
            model.addAttribute("error", e.getMessage());
            return "ingest/mapping";
        }
    }

    @PostMapping("/imports/staged/{id}/cancel")
    String cancel(@PathVariable UUID id, RedirectAttributes redirect) {
        StagedUploadView upload = staging.discard(id);
        redirect.addFlashAttribute("success", message("mapping.cancelled", upload.fileName()));
        return "redirect:/sources/" + upload.source();
    }

    private static void page(Model model, MappingStep step, MappingForm form) {
        model.addAttribute("step", step);
        model.addAttribute("upload", step.upload());
        // a first visit (or a preview without the checkboxes) keeps the upload form's snapshot choice and saves
        model.addAttribute(
                "snapshot",
                form.snapshot() != null ? form.snapshot() : step.upload().snapshot());
        model.addAttribute("saveProfile", form.saveProfile() == null || form.saveProfile());
    }

    private String message(String code, Object... arguments) {
        return messages.getMessage(code, arguments, LocaleContextHolder.getLocale());
    }
}
