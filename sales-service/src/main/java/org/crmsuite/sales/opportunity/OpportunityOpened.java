package org.crmsuite.sales.opportunity;

import java.util.UUID;

/** In-process notice (not an integration event): a deal now exists, inside the transaction that opened it. */
public record OpportunityOpened(UUID opportunityId) {
}
