package org.amalgam.sources.web;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.amalgam.sources.SourceSystemDefinition;
import org.amalgam.sources.SourceSystemView;

/** What the source system form posts. */
record SourceForm(
        @NotBlank(message = "{source.code.required}")
                @Pattern(regexp = "[a-z0-9][a-z0-9_-]{0,62}", message = "{source.code.invalid}")
                String code,
        @NotBlank(message = "{source.name.required}") @Size(max = 200) String name,
        @Size(max = 200) String department,
        @Min(0) @Max(1_000_000) Integer priority,
        boolean deduplicated,
        String phoneRegion) {

    static SourceForm empty() {
        return new SourceForm("", "", "", 100, false, "");
    }

    static SourceForm of(SourceSystemView source) {
        return new SourceForm(
                source.code(),
                source.name(),
                source.department(),
                source.priority(),
                source.deduplicated(),
                source.phoneRegion() == null ? "" : source.phoneRegion());
    }

    SourceSystemDefinition toDefinition() {
        // the form always shows the region: an empty choice means none
        return new SourceSystemDefinition(
                name, department, priority, deduplicated, phoneRegion == null ? "" : phoneRegion);
    }
}
