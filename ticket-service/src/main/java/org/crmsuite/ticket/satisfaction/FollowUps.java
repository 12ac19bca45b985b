package org.crmsuite.ticket.satisfaction;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.crmsuite.platform.security.CurrentUser;
import org.crmsuite.platform.security.Roles;
import org.crmsuite.platform.web.CrmProblemException;
import org.crmsuite.ticket.ticket.Actor;
import org.crmsuite.ticket.ticket.Ticket;
import org.crmsuite.ticket.ticket.TicketAccess;
import org.crmsuite.ticket.ticket.TicketStore;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;

/**
 * The call-back tasks poorly rated complaints leave for the queue's manager: listed for whoever owes them, completed
 * once with the outcome of the call. Who works a task: the manager it names, a service manager over the ticket's
 * department (a stand-in while they are away), or an admin; the list applies the same rule.
 */
@Service
public class FollowUps {

    private static final int ATTEMPTS = 5;
    static final String FIELD = "followUpTask";

    private final TicketStore store;
    private final Clock clock;

    FollowUps(TicketStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public static boolean mayWork(CurrentUser user, Ticket ticket) {
        FollowUpTask task = ticket.followUpTask();
        return task != null && (user.hasRole(Roles.CRM_ADMIN) || user.id().equals(task.assignee())
                || TicketAccess.isManagerOf(user, ticket.department()));
    }

    /** The tasks with this status the caller may work, the most urgent (earliest due) first. */
    public Page<Ticket> list(FollowUpTask.Status status, CurrentUser user, int page, int size) {
        List<Criteria> all = new ArrayList<>();
        all.add(Criteria.where(FIELD).exists(true));
        all.add(status == FollowUpTask.Status.DONE ? Criteria.where(FIELD + ".completedAt").ne(null)
                : Criteria.where(FIELD + ".completedAt").is(null));
        Criteria visible = visibleTo(user);
        if (visible != null) {
            all.add(visible);
        }
        Query query = Query.query(new Criteria().andOperator(all.toArray(Criteria[]::new)));
        long total = store.mongo().count(query, Ticket.class, TicketStore.COLLECTION);
        PageRequest request = PageRequest.of(page, size, Sort.by(FIELD + ".dueAt", "number"));
        List<Ticket> items = store.mongo().find(Query.of(query).with(request), Ticket.class, TicketStore.COLLECTION);
        return new PageImpl<>(items, request, total);
    }

    /** Completes the ticket's follow-up task once; a second completion is a 409 naming who completed it. */
    public Ticket complete(String ticketId, String outcome, CurrentUser user) {
        for (int attempt = 1; ; attempt++) {
            Ticket ticket = store.get(ticketId);
            if (ticket.followUpTask() == null) {
                TicketAccess.requireSee(user, ticket);
                throw CrmProblemException.notFound("follow-up task of ticket", ticket.number());
            }
            if (!mayWork(user, ticket)) {
                throw new AccessDeniedException("the follow-up of ticket " + ticket.number() + " is not " + user.id() + "'s to complete");
            }
            long read = ticket.version();
            ticket.completeFollowUp(outcome, new Actor(user.id(), clock.instant()));
            if (store.update(ticket, read, List.of())) {
                return ticket;
            }
            if (attempt == ATTEMPTS) {
                throw CrmProblemException.conflict("ticket " + ticket.number() + " is changing too fast; try again");
            }
        }
    }

    /** Exactly the tasks {@link #mayWork} allows, or null for all. */
    static Criteria visibleTo(CurrentUser user) {
        if (user.hasRole(Roles.CRM_ADMIN)) {
            return null;
        }
        List<Criteria> any = new ArrayList<>();
        any.add(Criteria.where(FIELD + ".assignee").is(user.id()));
        if (user.hasRole(Roles.SERVICE_MANAGER)) {
            for (String group : user.groups()) {
                String prefix = group.endsWith("/") ? group.substring(0, group.length() - 1) : group;
                any.add(Criteria.where("department").regex("^" + Pattern.quote(prefix) + "(/|$)"));
            }
        }
        return new Criteria().orOperator(any.toArray(Criteria[]::new));
    }
}
