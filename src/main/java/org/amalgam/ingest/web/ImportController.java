package org.amalgam.ingest.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.amalgam.ingest.ImportJobView;
import org.amalgam.ingest.ImportJobs;
import org.amalgam.ingest.MappingProfiles;
import org.amalgam.ingest.RejectionView;
import org.amalgam.model.EntityTypes;
import org.amalgam.shared.InvalidInputException;
import org.amalgam.shared.SpreadsheetText;
import org.amalgam.sources.SourceSystems;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

@Controller
class ImportController {

    static final int SHOWN_REJECTIONS = 200;
    static final String TABLE = "imports-table";

    private final ImportJobs imports;
    private final MappingProfiles profiles;
    private final SourceSystems sources;
    private final EntityTypes entityTypes;

    ImportController(ImportJobs imports, MappingProfiles profiles, SourceSystems sources, EntityTypes entityTypes) {
        this.imports = imports;
        this.profiles = profiles;
        this.sources = sources;
        this.entityTypes = entityTypes;
    }

    /**
     * The upload form and the imports of one source: a fragment the source page loads. The table's own poll (its
     * htmx target is the table) gets only the table.
     */
    @GetMapping("/sources/{code}/imports")
    String sourcePanel(
            @PathVariable String code,
            @RequestHeader(value = "HX-Target", required = false) String target,
            Model model) {
        sources.get(code);
        listing(model, imports.forSource(code, 20), "/sources/" + code + "/imports");
        if (TABLE.equals(target)) {
            return "ingest/list :: table(imports=${imports})";
        }
        model.addAttribute("source", code);
        model.addAttribute("types", entityTypes.list());
        model.addAttribute("profiles", profiles.forSource(code));
        return "ingest/source-panel :: panel";
    }

    /** All recent imports; the table's own poll gets only the table. */
    @GetMapping("/imports")
    String list(@RequestHeader(value = "HX-Target", required = false) String target, Model model) {
        listing(model, imports.recent(100), "/imports");
        return TABLE.equals(target) ? "ingest/list :: table(imports=${imports})" : "ingest/list";
    }

    /** The table polls itself while an import in it is still running. */
    private static void listing(Model model, List<ImportJobView> jobs, String refreshUrl) {
        model.addAttribute("imports", jobs);
        model.addAttribute("refreshUrl", refreshUrl);
        model.addAttribute("anyRunning", jobs.stream().anyMatch(j -> !j.status().finished()));
    }

    /** The job page; an htmx poll gets only its progress card. */
    @GetMapping("/imports/{id}")
    String job(@PathVariable UUID id, @RequestHeader(value = "HX-Request", required = false) String htmx, Model model) {
        ImportJobView job = imports.get(id);
        model.addAttribute("job", job);
        List<RejectionView> rejections =
                job.status().finished() ? imports.rejections(id, 0, SHOWN_REJECTIONS + 1) : List.of();
        model.addAttribute("rejectionsTruncated", rejections.size() > SHOWN_REJECTIONS);
        model.addAttribute(
                "rejections", rejections.stream().limit(SHOWN_REJECTIONS).toList());
        return htmx != null ? "ingest/job :: progress" : "ingest/job";
    }

    @PostMapping("/imports/{id}/cancel")
    String cancel(@PathVariable UUID id, RedirectAttributes redirect) {
        try {
            imports.cancel(id);
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/imports/" + id;
    }

    @GetMapping("/imports/{id}/rejections.csv")
    void rejectionsCsv(@PathVariable UUID id, HttpServletResponse response) throws IOException {
        ImportJobView job = imports.get(id);
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"rejections-" + job.id() + ".csv\"");
        Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180);
        printer.printRecord("row", "reasons", "raw");
        int offset = 0;
        while (true) {
            List<RejectionView> page = imports.rejections(id, offset, 5000);
            for (RejectionView r : page) {
                printer.printRecord(
                        r.row(), String.join("; ", r.reasons()), SpreadsheetText.neutralizeFormula(r.raw()));
            }
            if (page.size() < 5000) {
                break;
            }
            offset += page.size();
        }
        printer.flush();
    }
}
