package org.amalgam.golden;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** One committed change of a golden record, from the transactional outbox, in global sequence order. */
public record ChangeEventView(
        long sequence,
        String type,
        String entityType,
        UUID goldenId,
        int version,
        Instant occurredAt,
        Map<String, Object> payload) {}
