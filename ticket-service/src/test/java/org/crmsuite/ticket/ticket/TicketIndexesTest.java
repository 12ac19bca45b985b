package org.crmsuite.ticket.ticket;

import org.crmsuite.platform.outbox.PendingEvents;
import org.crmsuite.ticket.TicketServiceTest;
import org.crmsuite.ticket.sla.EscalationChain;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.IndexInfo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/** The indexes TicketStore creates at start: accepted by the wire server, and created again by every restart unchanged. */
@TicketServiceTest
class TicketIndexesTest {

    @Autowired
    MongoTemplate mongo;
    @Autowired
    PendingEvents pending;
    @Autowired
    EscalationChain escalation;

    @Test
    void aRestartCreatesTheSameIndexesAgainWithoutComplaint() {
        // The context's TicketStore created them already; two more "start-ups" against the same database.
        assertThatCode(() -> {
            new TicketStore(mongo, pending, escalation);
            new TicketStore(mongo, pending, escalation);
        }).doesNotThrowAnyException();

        // The wire server keeps unique indexes only; this one is what spares each conditional save a scan there.
        assertThat(mongo.indexOps(TicketStore.COLLECTION).getIndexInfo()).filteredOn(IndexInfo::isUnique)
                .extracting(IndexInfo::getName).contains(TicketStore.VERSIONED_ID_INDEX);
    }
}
