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
    static final String VERSIONED_ID_INDEX = "id_version";

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
        indexes.createIndex(new Index("assignee", Sort.Direction.ASC).on("status", Sort.Direction.ASC));
        indexes.createIndex(new Index("department", Sort.Direction.ASC));
        indexes.createIndex(new Index("createdAt", Sort.Direction.DESC));
        // The agent's views read their first page straight off these (filter and sort in one index, no in-memory sort):
        // the queue newest first, "my tickets" newest first, open work of a queue by priority ({queue, status, priority}
        // also serves what the former {queue, status} did, its prefix, so that one is no longer created).
        indexes.createIndex(new Index("queue", Sort.Direction.ASC).on("createdAt", Sort.Direction.DESC));
        indexes.createIndex(new Index("assignee", Sort.Direction.ASC).on("createdAt", Sort.Direction.DESC));
        indexes.createIndex(new Index("queue", Sort.Direction.ASC).on("status", Sort.Direction.ASC).on("priority", Sort.Direction.ASC));
        // A whole queue by priority (no status filter, as the suite's ticket.queue asks): {queue,status,priority} cannot
        // give that order without a status, so MongoDB would sort the whole queue in memory.
        indexes.createIndex(new Index("queue", Sort.Direction.ASC).on("priority", Sort.Direction.ASC));
        // The opener's branch of the record-level $or (TicketAccess.visibleTo); without it MongoDB scans for that branch.
        indexes.createIndex(new Index("createdBy", Sort.Direction.ASC));
        // Conditional saves filter on {_id, version}. MongoDB serves that from _id alone; the wire server (mongo-java-server)
        // only uses a unique index whose keys are exactly the query's, and would otherwise scan every ticket per save.
        indexes.createIndex(new Index("_id", Sort.Direction.ASC).on("version", Sort.Direction.ASC).unique().named(VERSIONED_ID_INDEX));
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
        Document document = mongo.findById(id, Document.class, COLLECTION);
        if (document == null) {
            return Optional.empty();
        }
        document.remove(PendingEvents.FIELD); // the relay's, never part of the aggregate
        Ticket ticket = mongo.getConverter().read(Ticket.class, document);
        ticket.stored(document);
        return Optional.of(ticket);
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
        Update update = changes(ticket.stored(), document);
        if (!events.isEmpty()) {
            update.push(PendingEvents.FIELD).each(pending.pending(events).toArray());
        }
        UpdateResult result = mongo.updateFirst(
                Query.query(Criteria.where("_id").is(ticket.id()).and("version").is(readVersion)), update, COLLECTION);
        if (result.getMatchedCount() == 1) {
            ticket.stored(document); // what is stored now, should the same object be saved again
            return true;
        }
        return false;
    }

    /**
     * What to write: fields equal to the stored ones are left alone, lists that only grew (comments, history,
     * attachments, ...) get their new elements by {@code $push}, everything else is {@code $set}. Without a stored form
     * every field is set. Safe because the write is conditional on the version read: the document still is
     * {@code stored} except for the scheduler's alerts and the relay's events, which are never diffed.
     */
    static Update changes(Document stored, Document current) {
        Update update = new Update();
        current.forEach((field, value) -> {
            Object before = stored == null ? null : stored.get(field);
            if (before != null && before.equals(value)) {
                return;
            }
            if (before instanceof List<?> old && value instanceof List<?> now && now.size() > old.size()
                    && now.subList(0, old.size()).equals(old)) {
                update.push(field).each(now.subList(old.size(), now.size()).toArray());
            } else {
                update.set(field, value);
            }
        });
        return update;
    }

    public MongoTemplate mongo() {
        return mongo;
    }
}
