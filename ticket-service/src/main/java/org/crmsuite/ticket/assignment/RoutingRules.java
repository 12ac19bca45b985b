package org.crmsuite.ticket.assignment;

import java.util.List;

import org.crmsuite.ticket.ticket.TicketType;

/**
 * Routes a new ticket to a queue by its type and category: the first rule that matches wins, else the default
 * queue. A rule's category matches the category itself and everything below it ({@code network} matches
 * {@code network/vpn}), so teams can own a branch of the category tree.
 */
public record RoutingRules(List<Rule> rules, String defaultQueue) {

    /** @param type null matches any type; @param category null matches any category */
    public record Rule(TicketType type, String category, String queue) {

        boolean matches(TicketType ticketType, String ticketCategory) {
            if (type != null && type != ticketType) {
                return false;
            }
            if (category == null) {
                return true;
            }
            return ticketCategory != null && (ticketCategory.equals(category) || ticketCategory.startsWith(category + "/"));
        }
    }

    public RoutingRules {
        rules = rules == null ? List.of() : List.copyOf(rules);
    }

    public String queueFor(TicketType type, String category) {
        return rules.stream().filter(rule -> rule.matches(type, category)).map(Rule::queue).findFirst().orElse(defaultQueue);
    }
}
