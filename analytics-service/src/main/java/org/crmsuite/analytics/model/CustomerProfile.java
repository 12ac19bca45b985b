package org.crmsuite.analytics.model;

import java.time.Instant;
import java.util.List;

/**
 * A customer's master data as its events tell it. {@code usccs} keeps every USCC it ever held, so an ERP order that
 * names an old one still finds it. Phone and email are personal data: the API masks or drops them by role.
 */
public record CustomerProfile(String customerId, String code, String legalName, String shortName, String uscc,
                              List<String> usccs, String phone, String email, String ownerId, String department,
                              String valueTier, String lifecycleStage, String status, Instant createdAt,
                              Instant updatedAt) {
}
