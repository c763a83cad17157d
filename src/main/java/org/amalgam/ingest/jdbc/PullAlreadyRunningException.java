package org.amalgam.ingest.jdbc;

import java.util.UUID;
import org.amalgam.shared.ConflictException;

/** A pull was asked to run while a run of it is still going on. */
public class PullAlreadyRunningException extends ConflictException {

    private final UUID jobId;

    PullAlreadyRunningException(String name, UUID jobId) {
        super("The pull '" + name + "' is running now (import job " + jobId + "); wait until it has finished.");
        this.jobId = jobId;
    }

    public UUID jobId() {
        return jobId;
    }
}
