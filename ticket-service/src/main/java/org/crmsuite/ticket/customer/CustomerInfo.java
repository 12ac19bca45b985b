package org.crmsuite.ticket.customer;

/** What tickets need to know about a customer: who it is, how much it matters, whether it can have tickets. */
public record CustomerInfo(String id, String name, String tier, String lifecycleStage, String status, String survivorId) {

    public boolean active() {
        return status == null || "ACTIVE".equals(status);
    }
}
