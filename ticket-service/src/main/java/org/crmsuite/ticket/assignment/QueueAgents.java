package org.crmsuite.ticket.assignment;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.bson.Document;
import org.crmsuite.ticket.ticket.TicketStatus;
import org.crmsuite.ticket.ticket.TicketStore;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The agents of each queue and whether they are available now (on shift, not on leave), and the choice of the
 * next agent for a new ticket. Round robin advances a per-queue counter with an atomic {@code $inc}, so two
 * replicas never hand out the same turn.
 */
@Component
public class QueueAgents {

    static final String AGENTS = "queue_agents";
    static final String CURSORS = "queue_cursors";
    private static final List<TicketStatus> OPEN = List.of(TicketStatus.NEW, TicketStatus.ASSIGNED, TicketStatus.IN_PROGRESS,
            TicketStatus.WAITING_ON_CUSTOMER, TicketStatus.REOPENED);

    private final MongoTemplate mongo;

    QueueAgents(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public void setAvailability(String queue, String agent, boolean available, String by, Instant at) {
        mongo.upsert(Query.query(Criteria.where("_id").is(queue + ":" + agent)),
                new Update().set("queue", queue).set("agent", agent).set("available", available).set("updatedBy", by).set("updatedAt", at),
                AGENTS);
    }

    public List<String> available(String queue) {
        return mongo.find(Query.query(Criteria.where("queue").is(queue).and("available").is(true)), Document.class, AGENTS).stream()
                .map(d -> d.getString("agent")).sorted().toList();
    }

    public Optional<String> next(String queue, AssignmentStrategy strategy) {
        if (strategy == AssignmentStrategy.MANUAL) {
            return Optional.empty();
        }
        List<String> agents = available(queue);
        if (agents.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(switch (strategy) {
            case ROUND_ROBIN -> agents.get((int) Math.floorMod(turn(queue), (long) agents.size()));
            case LEAST_LOADED -> agents.stream().min(Comparator.comparingLong(this::openTickets).thenComparing(Comparator.naturalOrder())).orElseThrow();
            case MANUAL -> throw new IllegalStateException();
        });
    }

    long openTickets(String agent) {
        return mongo.count(Query.query(Criteria.where("assignee").is(agent).and("status").in(OPEN)), TicketStore.COLLECTION);
    }

    private long turn(String queue) {
        try {
            return increment(queue);
        } catch (org.springframework.dao.DuplicateKeyException e) {
            return increment(queue); // two first turns raced to create the cursor
        }
    }

    private long increment(String queue) {
        Document cursor = mongo.findAndModify(Query.query(Criteria.where("_id").is(queue)), new Update().inc("turn", 1L),
                FindAndModifyOptions.options().upsert(true).returnNew(true), Document.class, CURSORS);
        return ((Number) cursor.get("turn")).longValue() - 1;
    }
}
