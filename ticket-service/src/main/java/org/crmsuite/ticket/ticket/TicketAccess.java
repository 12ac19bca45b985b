package org.crmsuite.ticket.ticket;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.crmsuite.platform.security.CurrentUser;
import org.crmsuite.platform.security.RecordAccess;
import org.crmsuite.platform.security.Roles;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.security.access.AccessDeniedException;

/**
 * Who sees and works which ticket: the assignee and the opener see it; agents see their team's (queue department
 * within their groups, e.g. {@code /service/tier-1}); managers see their department's ({@code /service} covers every
 * team below it); admins see all. The list query applies the same rule, so a page never holds a forbidden ticket.
 */
public final class TicketAccess {

    static final RecordAccess RECORDS = RecordAccess.seeingAll();
    static final String[] WORKERS = {Roles.SERVICE_AGENT, Roles.SERVICE_MANAGER, Roles.CRM_ADMIN};
    static final String[] OPENERS = {Roles.SERVICE_AGENT, Roles.SERVICE_MANAGER, Roles.CRM_ADMIN, Roles.INTEGRATION};

    public static boolean canSee(CurrentUser user, Ticket ticket) {
        return user.id().equals(ticket.createdBy()) || RECORDS.canSee(user, ticket.assignee(), ticket.department());
    }

    public static void requireSee(CurrentUser user, Ticket ticket) {
        if (!canSee(user, ticket)) {
            throw new AccessDeniedException("ticket " + ticket.number() + " is not visible to " + user.id());
        }
    }

    /** Seeing is not enough to change a ticket: the caller must also work in service (or be an admin). */
    public static void requireWork(CurrentUser user, Ticket ticket) {
        requireSee(user, ticket);
        if (!user.hasAnyRole(WORKERS)) {
            throw new AccessDeniedException(user.id() + " may not work tickets");
        }
    }

    public static boolean isManagerOf(CurrentUser user, String department) {
        if (user.hasRole(Roles.CRM_ADMIN)) {
            return true;
        }
        return user.hasRole(Roles.SERVICE_MANAGER) && department != null
                && user.groups().stream().anyMatch(group -> RecordAccess.within(department, group));
    }

    /** The list filter that matches exactly the tickets {@link #canSee} allows, or null for all. */
    static Criteria visibleTo(CurrentUser user) {
        if (RECORDS.seesAll(user)) {
            return null;
        }
        List<Criteria> any = new ArrayList<>();
        any.add(Criteria.where("assignee").is(user.id()));
        any.add(Criteria.where("createdBy").is(user.id()));
        for (String group : user.groups()) {
            String prefix = group.endsWith("/") ? group.substring(0, group.length() - 1) : group;
            // Anchored prefix regex: MongoDB serves it from the department index.
            any.add(Criteria.where("department").regex("^" + Pattern.quote(prefix) + "(/|$)"));
        }
        return new Criteria().orOperator(any.toArray(Criteria[]::new));
    }

    private TicketAccess() {
    }
}
