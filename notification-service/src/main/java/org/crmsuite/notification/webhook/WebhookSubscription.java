package org.crmsuite.notification.webhook;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A system that wants events as signed HTTP POSTs. The secret never leaves the service except as signatures. */
public record WebhookSubscription(UUID id, String name, String url, List<String> eventTypes, String secret, boolean active,
                                  String createdBy, Instant createdAt, long version) {
}
