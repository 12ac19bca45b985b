package org.crmsuite.sales.customer;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What sales holds about customers, kept in step with customer-service: a merge re-points leads, deals, activities
 * and follow-up plans from the loser to the survivor; an erasure removes the lead contact data (name, title, phone,
 * email) of the customer's leads. Every touched row gets a new version, so an open edit of it fails with 412 instead of
 * writing the old values back.
 */
@Component
class CustomerReferences {

    private final JdbcClient jdbc;
    private final Clock clock;

    CustomerReferences(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Answers how many rows moved. */
    int repoint(UUID loser, UUID survivor) {
        int moved = 0;
        for (String table : new String[] {"lead", "opportunity", "activity", "follow_up_plan"}) {
            moved += jdbc.sql("UPDATE " + table + " SET customer_id = :survivor, version = version + 1, updated_at = :now, updated_by = 'system' "
                            + "WHERE customer_id = :loser")
                    .param("survivor", survivor).param("loser", loser).param("now", Timestamp.from(clock.instant())).update();
        }
        return moved;
    }

    /**
     * Erases the contact data of the customer's leads. Sales does not know which customer-service contact a lead's
     * contact became, so a contact erasure erases the contact data of every lead of that customer (privacy first).
     */
    int eraseLeadContacts(UUID customerId) {
        return jdbc.sql("""
                        UPDATE lead SET contact_name = NULL, contact_title = NULL, contact_phone = NULL, contact_email = NULL,
                               version = version + 1, updated_at = :now, updated_by = 'system'
                        WHERE customer_id = :customer
                          AND (contact_name IS NOT NULL OR contact_title IS NOT NULL OR contact_phone IS NOT NULL OR contact_email IS NOT NULL)""")
                .param("customer", customerId).param("now", Timestamp.from(clock.instant())).update();
    }
}
