package org.amalgam.golden;

import java.util.UUID;

/** What a merge did: the older id survives, the other now redirects to it. */
public record MergeOutcome(UUID survivorId, UUID absorbedId) {}
