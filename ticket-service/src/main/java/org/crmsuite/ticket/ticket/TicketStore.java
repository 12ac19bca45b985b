package org.crmsuite.ticket.ticket;

import java.util.List;
import java.util.Optional;

import org.bson.Document;
import org.crmsuite.platform.outbox.PendingEvents;
import org.crmsuite.platform.web.CrmProblemException;
import org.crmsuite.ticket.events.TicketEvent;
import org.crmsuite.ticket.sla.EscalationChain;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import com.mongodb.client.result.UpdateResult;

/**
 * Writes a ticket and its events in one single-document write. Updates {@code $set} the aggregate's fields and
 * {@code $push} the new pending events, conditional on the version that was read: the relay may pull published
 * events from the same document meanwhile, so the pending list is never overwritten, only appended to.
 */
@Component
public class TicketStore {

    public static final String COLLECTION = "tickets";
    public static final String SLA_ALERTS = "slaAlerts";

    private final MongoTemplate mongo;
    private final PendingEvents pending;

    TicketStore(MongoTemplate mongo, PendingEvents pending, EscalationChain escalation) {
        this.mongo = mongo;
        this.pending = pending;
        // Every list filter and sort uses one of these (design rule 4); createIndex is idempotent on both MongoDB kinds.
        var indexes = mongo.indexOps(COLLECTION);
        indexes.createIndex(new Index("number", Sort.Direction.ASC).unique());
        indexes.createIndex(new Index("customerId", Sort.Direction.ASC));
        indexes.createIndex(new Index("mergedFromCustomerIds", Sort.Direction.ASC));
        indexes.createIndex(new Index("queue", Sort.Direction.ASC).on("status", Sort.Direction.ASC));
        indexes.createIndex(new Index("assignee", Sort.Direction.ASC).on("status", Sort.Direction.ASC));
        indexes.createIndex(new Index("department", Sort.Direction.ASC));
        indexes.createIndex(new Index("createdAt", Sort.Direction.DESC));
        // The SLA scheduler's queries: one time field each, filtered further by status and pause.
        indexes.createIndex(new Index("sla.firstResponseWarnAt", Sort.Direction.ASC));
        indexes.createIndex(new Index("sla.firstResponseDueAt", Sort.Direction.ASC));
        indexes.createIndex(new Index("sla.resolutionWarnAt", Sort.Direction.ASC));
        indexes.createIndex(new Index("sla.resolutionDueAt", Sort.Direction.ASC));
        for (int level = 2; level <= escalation.levels(); level++) {
            indexes.createIndex(new Index(EscalationChain.timeField(level), Sort.Direction.ASC));
        }
        indexes.createIndex(new Index("survey.tokenHash", Sort.Direction.ASC).sparse());
        // The follow-up list: only rated complaints carry a task, so sparse.
        indexes.createIndex(new Index("followUpTask.dueAt", Sort.Direction.ASC).sparse());
    }

    public void insert(Ticket ticket, List<? extends TicketEvent> events) {
        Document document = new Document();
        mongo.getConverter().write(ticket, document);
        document.put(PendingEvents.FIELD, pending.pending(events));
        mongo.insert(document, COLLECTION);
    }

    public Optional<Ticket> find(String id) {
        return Optional.ofNullable(mongo.findById(id, Ticket.class, COLLECTION));
    }

    public Ticket get(String id) {
        return find(id).orElseThrow(() -> CrmProblemException.notFound("ticket", id));
    }

    /**
     * Saves a changed ticket whose version was {@code readVersion} when it was loaded.
     *
     * @return false when someone else saved it in between (nothing was written)
     */
    public boolean update(Ticket ticket, long readVersion, List<? extends TicketEvent> events) {
        Document document = new Document();
        mongo.getConverter().write(ticket, document);
        document.remove("_id");
        document.remove(PendingEvents.FIELD);
        if (!ticket.slaAlertsReset()) {
            // The scheduler owns the alerts; a save from an older read must not undo an alert raised meanwhile.
            document.remove(SLA_ALERTS);
        }
        Update update = new Update();
        document.forEach(update::set);
        if (!events.isEmpty()) {
            update.push(PendingEvents.FIELD).each(pending.pending(events).toArray());
        }
        UpdateResult result = mongo.updateFirst(
                Query.query(Criteria.where("_id").is(ticket.id()).and("version").is(readVersion)), update, COLLECTION);
        return result.getMatchedCount() == 1;
    }

    public MongoTemplate mongo() {
        return mongo;
    }
}
