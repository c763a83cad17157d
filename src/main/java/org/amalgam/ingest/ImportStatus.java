package org.amalgam.ingest;

/** Where an import job stands. */
public enum ImportStatus {
    QUEUED,
    RUNNING,
    COMPLETED,
    FAILED,
    CANCELLED;

    public boolean finished() {
        return this == COMPLETED || this == FAILED || this == CANCELLED;
    }
}
