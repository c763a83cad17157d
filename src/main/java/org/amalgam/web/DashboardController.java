package org.amalgam.web;

import org.amalgam.golden.GoldenRecords;
import org.amalgam.ingest.ImportJobs;
import org.amalgam.ingest.SourceRecords;
import org.amalgam.sources.SourceSystems;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

@Controller
class DashboardController {

    private final SourceSystems sources;
    private final SourceRecords sourceRecords;
    private final GoldenRecords golden;
    private final ImportJobs imports;

    DashboardController(SourceSystems sources, SourceRecords sourceRecords, GoldenRecords golden, ImportJobs imports) {
        this.sources = sources;
        this.sourceRecords = sourceRecords;
        this.golden = golden;
        this.imports = imports;
    }

    @GetMapping("/")
    String dashboard(Model model) {
        model.addAttribute("sources", sources.count());
        model.addAttribute("sourceRecords", sourceRecords.count());
        model.addAttribute("golden", golden.count());
        model.addAttribute("imports", imports.recent(10));
        return "web/dashboard";
    }
}
