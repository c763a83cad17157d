package org.amalgam.ingest.web;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.amalgam.ingest.folder.FolderDropDefinition;
import org.amalgam.ingest.folder.FolderDropView;

/** What the watched folder form posts. */
record FolderForm(
        @NotBlank(message = "{folder.name.required}")
                @Pattern(regexp = "[a-z0-9][a-z0-9_-]{0,62}", message = "{inbound.name.invalid}")
                String name,
        @NotBlank(message = "{folder.path.required}") String path,
        @NotBlank(message = "{folder.type.required}") String type,
        String mapping,
        Boolean enabled,
        Boolean editing) {

    /** A checkbox that is not ticked sends nothing. */
    FolderForm {
        enabled = Boolean.TRUE.equals(enabled);
        editing = Boolean.TRUE.equals(editing);
    }

    static FolderForm empty() {
        return new FolderForm("", "", "person", "", true, false);
    }

    static FolderForm of(FolderDropView folder) {
        return new FolderForm(folder.name(), folder.path(), folder.type(), folder.mapping(), folder.enabled(), true);
    }

    FolderDropDefinition toDefinition() {
        return new FolderDropDefinition(path, type, mapping, enabled);
    }
}
