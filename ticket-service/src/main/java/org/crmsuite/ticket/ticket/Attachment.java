package org.crmsuite.ticket.ticket;

import java.time.Instant;

/** Metadata of a file kept in object storage; the ticket never holds the bytes. */
public record Attachment(String id, String fileName, String contentType, long sizeBytes, String storageUri, String sha256,
                         String addedBy, Instant addedAt) {

    public static final long MAX_BYTES = 25L * 1024 * 1024;
}
