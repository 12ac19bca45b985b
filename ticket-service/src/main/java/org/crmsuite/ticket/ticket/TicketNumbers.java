package org.crmsuite.ticket.ticket;

import java.time.Clock;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * Human-readable ticket numbers, {@code T-2026-000123}: one counter document per year, incremented with an upserting
 * {@code findAndModify $inc}, which is atomic on a real MongoDB and on the wire server alike (no read-then-write).
 * The year is the business calendar's year, so a ticket opened on 1 January 00:30 in Shanghai is a new year's one.
 */
public class TicketNumbers {

    static final String COLLECTION = "ticket_counters";

    private final MongoTemplate mongo;
    private final Clock clock;
    private final ZoneId zone;

    public TicketNumbers(MongoTemplate mongo, Clock clock, ZoneId zone) {
        this.mongo = mongo;
        this.clock = clock;
        this.zone = zone;
    }

    public String next() {
        int year = ZonedDateTime.now(clock.withZone(zone)).getYear();
        Document counter;
        try {
            counter = increment(year);
        } catch (DuplicateKeyException e) {
            // Two first tickets of a year raced to create the counter; the loser's retry finds it and increments it.
            counter = increment(year);
        }
        long seq = ((Number) counter.get("seq")).longValue();
        return format(year, seq);
    }

    private Document increment(int year) {
        return mongo.findAndModify(Query.query(Criteria.where("_id").is("ticket-" + year)),
                new Update().inc("seq", 1L), FindAndModifyOptions.options().upsert(true).returnNew(true),
                Document.class, COLLECTION);
    }

    static String format(int year, long seq) {
        return "T-%d-%06d".formatted(year, seq);
    }
}
