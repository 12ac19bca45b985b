package org.crmsuite.ticket.satisfaction;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import org.crmsuite.platform.web.CrmProblemException;
import org.crmsuite.ticket.config.TicketProperties;
import org.crmsuite.ticket.events.TicketEvent;
import org.crmsuite.ticket.sla.SlaPlanner;
import org.crmsuite.ticket.ticket.Actor;
import org.crmsuite.ticket.ticket.Ticket;
import org.crmsuite.ticket.ticket.TicketStore;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * One-time survey links: 256 random bits, of which only the SHA-256 is stored. Answering is a version-conditional
 * write of the ticket, so of two submissions of the same link exactly one is taken; the other sees it used (409).
 */
@Service
public class Surveys {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int ATTEMPTS = 3;

    private final TicketStore store;
    private final SatisfactionProperties properties;
    private final TicketProperties tickets;
    private final SlaPlanner sla;
    private final Clock clock;

    Surveys(TicketStore store, SatisfactionProperties properties, TicketProperties tickets, SlaPlanner sla, Clock clock) {
        this.store = store;
        this.properties = properties;
        this.tickets = tickets;
        this.sla = sla;
        this.clock = clock;
    }

    /** Attaches a fresh survey to a resolved ticket (not saved here) and returns its link, shown only now. */
    public String issue(Ticket ticket, Actor by) {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        ticket.issueSurvey(hash(token), by.at().plus(properties.linkValidity()), by);
        return properties.publicUrl() + token;
    }

    public record SurveyPage(String number, String subject) {
    }

    public SurveyPage show(String token) {
        Ticket ticket = byToken(token);
        return new SurveyPage(ticket.number(), ticket.subject());
    }

    public void answer(String token, int csat, Integer nps, String comment) {
        for (int attempt = 1; ; attempt++) {
            Ticket ticket = byToken(token);
            long read = ticket.version();
            Instant now = clock.instant();
            TicketProperties.Queue queue = tickets.queue(ticket.queue());
            Instant followUpDue = sla.calendar().plusBusinessTime(now, properties.followUpWithin());
            List<TicketEvent> events = ticket.rate(csat, nps, comment, queue == null ? null : queue.manager(), followUpDue, now);
            if (store.update(ticket, read, events)) {
                return;
            }
            if (attempt == ATTEMPTS) {
                throw CrmProblemException.conflict("the ticket is changing; send your answer again");
            }
        }
    }

    private Ticket byToken(String token) {
        Ticket ticket = token == null || token.length() > 100 ? null
                : store.mongo().findOne(Query.query(Criteria.where("survey.tokenHash").is(hash(token))), Ticket.class, TicketStore.COLLECTION);
        if (ticket == null) {
            throw CrmProblemException.notFound("survey", "link");
        }
        return ticket;
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
