package org.crmsuite.analytics.model;

import java.time.Instant;

/** A merge of {@code loserId} into {@code survivorId}; inactive once undone (the latest event decides). */
public record MergeFact(String mergeId, String loserId, String survivorId, boolean active, Instant at) {
}
