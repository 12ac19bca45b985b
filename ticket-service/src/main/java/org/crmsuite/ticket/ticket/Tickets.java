package org.crmsuite.ticket.ticket;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.crmsuite.platform.security.CurrentUser;
import org.crmsuite.platform.web.CrmProblemException;
import org.crmsuite.platform.web.FieldViolation;
import org.crmsuite.ticket.assignment.QueueAgents;
import org.crmsuite.ticket.config.TicketProperties;
import org.crmsuite.ticket.customer.CustomerDirectory;
import org.crmsuite.ticket.customer.CustomerInfo;
import org.crmsuite.ticket.events.TicketEvent;
import org.crmsuite.ticket.knowledge.Articles;
import org.crmsuite.ticket.satisfaction.Surveys;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;

/** The ticket use cases: check who may, load, let the aggregate decide, save the ticket and its events in one write. */
@Service
public class Tickets {

    static final Set<String> SORTABLE = Set.of("createdAt", "updatedAt", "priority", "number", "status");
    private static final int APPEND_ATTEMPTS = 5;
    static final String AUTO_ASSIGNMENT = "system:assignment";

    private final TicketStore store;
    private final TicketNumbers numbers;
    private final TicketProperties properties;
    private final TicketSla sla;
    private final CustomerDirectory customers;
    private final QueueAgents agents;
    private final Surveys surveys;
    private final Articles articles;
    private final Clock clock;
    private final MeterRegistry meters;

    Tickets(TicketStore store, TicketNumbers numbers, TicketProperties properties, TicketSla sla, CustomerDirectory customers,
            QueueAgents agents, Surveys surveys, Articles articles, Clock clock, ObjectProvider<MeterRegistry> meters) {
        this.meters = meters.getIfAvailable(SimpleMeterRegistry::new);
        this.articles = articles;
        this.agents = agents;
        this.surveys = surveys;
        this.customers = customers;
        this.store = store;
        this.numbers = numbers;
        this.properties = properties;
        this.sla = sla;
        this.clock = clock;
    }

    public Ticket open(Ticket.Draft draft, String requestedQueue, CurrentUser user) {
        if (!user.hasAnyRole(TicketAccess.OPENERS)) {
            throw new AccessDeniedException(user.id() + " may not open tickets");
        }
        String queue = requestedQueue != null ? requestedQueue : properties.routingRules().queueFor(draft.type(), draft.category());
        TicketProperties.Queue team = queueOrRefuse(queue);
        Actor by = actor(user);
        CustomerInfo info = customers.requireOpenable(draft.customerId());
        Ticket.CustomerContext customer = new Ticket.CustomerContext(info.name(), info.tier());
        Ticket.Opened opened = Ticket.open(numbers.next(), draft, customer, queue, team.department(),
                sla.start(draft.priority(), info.tier(), by.at()), by);
        List<TicketEvent> events = new ArrayList<>(opened.events());
        // Auto-assignment happens before the first write, so the ticket is born assigned (one write, all events).
        agents.next(queue, team.assignment()).ifPresent(agent ->
                events.addAll(opened.ticket().assign(queue, team.department(), agent, new Actor(AUTO_ASSIGNMENT, by.at()))));
        store.insert(opened.ticket(), events);
        meters.counter("crm.ticket.opened", "priority", draft.priority().name(), "channel", draft.channel().name()).increment();
        return opened.ticket();
    }

    public Ticket get(String id, CurrentUser user) {
        Ticket ticket = store.get(id);
        TicketAccess.requireSee(user, ticket);
        return ticket;
    }

    /** What to list; {@code statuses} empty means any status. */
    public record Filter(Set<TicketStatus> statuses, String queue, String assignee, String customerId, Priority priority) {
        public Filter {
            statuses = statuses == null ? Set.of() : Set.copyOf(statuses);
        }

        public static Filter of(TicketStatus status, String queue, String assignee, String customerId, Priority priority) {
            return new Filter(status == null ? Set.of() : Set.of(status), queue, assignee, customerId, priority);
        }
    }

    /** The fields a list shows ({@code TicketResource.TicketSummary}); comments, history and the rest stay in the database. */
    static final List<String> SUMMARY_FIELDS = List.of("number", "customerId", "type", "priority", "subject", "status", "queue",
            "assignee", "sla.resolutionDueAt", "createdAt", "updatedAt", "version");
    /** Pages whose boundary is remembered (one entry per user, filter, sort and page; a few dozen bytes each). */
    static final int REMEMBERED_PAGES = 2_000;

    private final PageBoundaries boundaries = new PageBoundaries(REMEMBERED_PAGES);

    /**
     * A page of the tickets the user may see, holding only {@link #SUMMARY_FIELDS} (and the id): do not save them.
     *
     * <p>Without {@code exactTotal} the page is read with one more item than asked for, and nothing is counted: counting a
     * large queue on every page costs more than the page itself (a full scan on the wire server, an index walk over the
     * whole queue on MongoDB). Then {@code getTotalElements()} is what is known: exact when this is the last page,
     * otherwise a lower bound of one more than this page reaches, so {@code hasNext()} and "page &lt; totalPages - 1"
     * still tell whether a next page exists. A page read before is first read narrowed to where it ended then
     * ({@link PageBoundaries}); that gives the same page, and spares the wire server sorting the whole list.
     */
    public Page<Ticket> list(Filter filter, CurrentUser user, Pageable page, boolean exactTotal) {
        for (Sort.Order order : page.getSort()) {
            if (!SORTABLE.contains(order.getProperty())) {
                throw CrmProblemException.invalid("sort", "sort by one of " + SORTABLE);
            }
        }
        // The caller's filters first: they are selective equalities (index prefixes on MongoDB, cheap first tests for the
        // wire server's matcher); the record-level $or last, so it is evaluated only for tickets that pass them.
        List<Criteria> all = new ArrayList<>();
        if (filter.queue() != null) all.add(Criteria.where("queue").is(filter.queue()));
        if (filter.assignee() != null) all.add(Criteria.where("assignee").is(filter.assignee()));
        if (filter.customerId() != null) all.add(Criteria.where("customerId").is(filter.customerId()));
        if (filter.statuses().size() == 1) all.add(Criteria.where("status").is(filter.statuses().iterator().next()));
        if (filter.statuses().size() > 1) all.add(Criteria.where("status").in(filter.statuses()));
        if (filter.priority() != null) all.add(Criteria.where("priority").is(filter.priority()));
        Criteria visible = TicketAccess.visibleTo(user);
        if (visible != null) {
            all.add(visible);
        }
        Query query = all.isEmpty() ? new Query() : Query.query(new Criteria().andOperator(all.toArray(Criteria[]::new)));
        int wanted = page.getPageSize() + 1;
        String boundaryKey = PageBoundaries.key(query.toString(), page.getSort(), page.getOffset(), page.getPageSize());
        Criteria narrowing = boundaries.narrowing(boundaryKey, page.getSort());
        List<Ticket> items = null;
        if (narrowing != null) {
            // The boundary first: it excludes nearly every ticket with one comparison, before the equalities and the $or.
            List<Criteria> narrowed = new ArrayList<>(List.of(narrowing));
            narrowed.addAll(all);
            items = readPage(Query.query(new Criteria().andOperator(narrowed.toArray(Criteria[]::new))), page);
            if (items.size() < wanted) {
                items = null; // fewer on this side of the boundary than the page needs: read without it
            }
        }
        if (items == null) {
            items = readPage(query, page);
        }
        if (items.size() == wanted) {
            boundaries.remember(boundaryKey, page.getSort(), items.getLast());
        }
        boolean more = items.size() > page.getPageSize();
        if (more) {
            items = items.subList(0, page.getPageSize());
        }
        long total;
        if (exactTotal || (items.isEmpty() && page.getOffset() > 0)) {
            // Asked for, or paged past the end (nothing read tells how many there are).
            total = store.mongo().count(query, Ticket.class, TicketStore.COLLECTION);
        } else {
            total = page.getOffset() + items.size() + (more ? 1 : 0);
        }
        return new PageImpl<>(items, page, total);
    }

    private List<Ticket> readPage(Query query, Pageable page) {
        Query read = Query.of(query).with(page.getSort()).skip(page.getOffset()).limit(page.getPageSize() + 1);
        read.fields().include(SUMMARY_FIELDS.toArray(String[]::new));
        return store.mongo().find(read, Ticket.class, TicketStore.COLLECTION);
    }

    public Ticket edit(String id, long expectedVersion, TicketType type, String category, Priority priority, String subject,
                       String description, CurrentUser user) {
        return change(id, expectedVersion, user, ticket -> {
            Actor by = actor(user);
            List<TicketEvent> events = ticket.edit(type, category, priority, subject, description, by);
            if (priority != null) {
                ticket.replaceSla(sla.retargeted(ticket));
            }
            return events;
        });
    }

    public Ticket assign(String id, long expectedVersion, String queue, String assignee, CurrentUser user) {
        return change(id, expectedVersion, user, ticket -> {
            String targetQueue = queue != null ? queue : ticket.queue();
            TicketProperties.Queue team = queueOrRefuse(targetQueue);
            boolean takesItSelf = user.id().equals(assignee) && targetQueue.equals(ticket.queue());
            if (!takesItSelf && !(TicketAccess.isManagerOf(user, ticket.department()) && TicketAccess.isManagerOf(user, team.department()))) {
                throw new AccessDeniedException("only a manager of the queue reassigns ticket " + ticket.number());
            }
            return ticket.assign(targetQueue, team.department(), assignee, actor(user));
        });
    }

    /** The ticket after the move, and the survey link when the move resolved it (shown only in this answer). */
    public record StatusChanged(Ticket ticket, String surveyLink) {
    }

    public StatusChanged changeStatus(String id, long expectedVersion, TicketStatus status, String reason, CurrentUser user) {
        String[] link = new String[1];
        Ticket changed = change(id, expectedVersion, user, ticket -> {
            Actor by = actor(user);
            List<TicketEvent> events = ticket.changeStatus(status, reason, by);
            ticket.replaceSla(sla.afterStatus(ticket, by.at()));
            if (status == TicketStatus.RESOLVED) {
                link[0] = surveys.issue(ticket, by);
            }
            return events;
        });
        return new StatusChanged(changed, link[0]);
    }

    /** A fresh survey link for a resolved, unrated ticket (the old one stops working), e.g. for a resend. */
    public String reissueSurvey(String id, CurrentUser user) {
        String[] link = new String[1];
        append(id, user, ticket -> {
            link[0] = surveys.issue(ticket, actor(user));
            return List.of();
        });
        return link[0];
    }

    /** Comments append: they overwrite nothing, so they need no If-Match and are retried on a concurrent write. */
    public Comment comment(String id, String body, boolean internal, CurrentUser user) {
        Ticket ticket = append(id, user, t -> {
            return t.comment(body, internal, actor(user));
        });
        return ticket.comments().getLast();
    }

    public Attachment attach(String id, String fileName, String contentType, long sizeBytes, String storageUri, String sha256,
                             CurrentUser user) {
        Ticket ticket = append(id, user, t -> {
            t.attach(fileName, contentType, sizeBytes, storageUri, sha256, actor(user));
            return List.of();
        });
        return ticket.attachments().getLast();
    }

    /** Links a knowledge-base article the caller can see; linking twice changes nothing. */
    public Ticket linkArticle(String id, String articleId, CurrentUser user) {
        articles.get(articleId, user);
        return append(id, user, ticket -> {
            ticket.linkArticle(articleId, actor(user));
            return List.of();
        });
    }

    private Ticket change(String id, long expectedVersion, CurrentUser user, Function<Ticket, List<TicketEvent>> command) {
        Ticket ticket = store.get(id);
        TicketAccess.requireWork(user, ticket);
        if (ticket.version() != expectedVersion) {
            throw CrmProblemException.staleVersion("ticket", ticket.number(), expectedVersion, ticket.version());
        }
        long read = ticket.version();
        List<TicketEvent> events = command.apply(ticket);
        if (ticket.version() == read) {
            return ticket;
        }
        if (!store.update(ticket, read, events)) {
            Ticket current = store.get(id);
            throw CrmProblemException.staleVersion("ticket", ticket.number(), expectedVersion, current.version());
        }
        return ticket;
    }

    private Ticket append(String id, CurrentUser user, Function<Ticket, List<TicketEvent>> command) {
        for (int attempt = 1; ; attempt++) {
            Ticket ticket = store.get(id);
            TicketAccess.requireWork(user, ticket);
            long read = ticket.version();
            List<TicketEvent> events = command.apply(ticket);
            if (ticket.version() == read || store.update(ticket, read, events)) {
                return ticket;
            }
            if (attempt == APPEND_ATTEMPTS) {
                throw CrmProblemException.conflict("ticket " + ticket.number() + " is changing too fast; try again");
            }
        }
    }

    private TicketProperties.Queue queueOrRefuse(String queue) {
        TicketProperties.Queue team = properties.queue(queue);
        if (team == null) {
            throw CrmProblemException.invalid(List.of(new FieldViolation("queue", "unknown queue; one of " + properties.queues().keySet())));
        }
        return team;
    }

    private Actor actor(CurrentUser user) {
        return new Actor(user.id(), clock.instant());
    }
}
