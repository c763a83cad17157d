package org.amalgam.golden.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.amalgam.golden.CrosswalkEntryView;
import org.amalgam.golden.GoldenRecordView;
import org.amalgam.golden.GoldenRecords;
import org.amalgam.ingest.SourceRecords;
import org.amalgam.model.EntityTypeView;
import org.amalgam.model.EntityTypes;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

@Controller
class GoldenController {

    static final int PAGE_SIZE = 25;

    private final GoldenRecords golden;
    private final SourceRecords sourceRecords;
    private final EntityTypes entityTypes;

    GoldenController(GoldenRecords golden, SourceRecords sourceRecords, EntityTypes entityTypes) {
        this.golden = golden;
        this.sourceRecords = sourceRecords;
        this.entityTypes = entityTypes;
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

    @GetMapping("/golden/{type}/{id}")
    String detail(@PathVariable String type, @PathVariable UUID id, Model model) {
        EntityTypeView entityType = entityTypes.get(type);
        GoldenRecordView record = golden.get(type, id);
        model.addAttribute("type", entityType);
        model.addAttribute("record", record);
        model.addAttribute("recordTitle", title(entityType, record));
        model.addAttribute(
                "members",
                sourceRecords.findByIds(record.crosswalk().stream()
                        .map(CrosswalkEntryView::sourceRecordId)
                        .toList()));
        return "golden/detail";
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
