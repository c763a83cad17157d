package org.amalgam.ingest.web;

import org.springframework.web.multipart.MultipartFile;

/** What the upload form of a source's page posts: the file, its entity type, and whether it is a full snapshot. */
record UploadForm(MultipartFile file, String type, Boolean snapshot) {

    /** An unticked checkbox sends nothing. */
    boolean fullSnapshot() {
        return Boolean.TRUE.equals(snapshot);
    }

    boolean fileChosen() {
        return file != null
                && file.getOriginalFilename() != null
                && !file.getOriginalFilename().isBlank();
    }

    String typeOrDefault() {
        return type == null || type.isBlank() ? "person" : type;
    }
}
