package org.crmsuite.ticket.config;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

import org.crmsuite.ticket.assignment.AssignmentStrategy;
import org.crmsuite.ticket.assignment.RoutingRules;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * What tickets need to know about the service organisation, checked at start.
 *
 * @param timeZone     the zone of ticket numbers' years (and the default business calendar)
 * @param defaultQueue where a ticket goes when no routing rule matches; must be one of {@code queues}
 * @param queues       queue (team) name → its department (Keycloak group path), manager (user id) and how it assigns
 * @param routing      rules that route a new ticket to a queue by type and category (first match wins)
 */
@Validated
@ConfigurationProperties("crm.ticket")
public record TicketProperties(@NotNull ZoneId timeZone, @NotBlank String defaultQueue, @NotEmpty Map<String, @Valid Queue> queues,
                               List<RoutingRules.Rule> routing) {

    public record Queue(@NotBlank String department, String manager, AssignmentStrategy assignment) {
        public Queue {
            assignment = assignment == null ? AssignmentStrategy.MANUAL : assignment;
        }
    }

    public TicketProperties {
        routing = routing == null ? List.of() : List.copyOf(routing);
        for (RoutingRules.Rule rule : routing) {
            if (queues != null && !queues.containsKey(rule.queue())) {
                throw new IllegalArgumentException("crm.ticket.routing names queue '" + rule.queue() + "', which is not one of crm.ticket.queues " + queues.keySet());
            }
        }
        if (queues != null && defaultQueue != null && !queues.containsKey(defaultQueue)) {
            throw new IllegalArgumentException("crm.ticket.default-queue '" + defaultQueue + "' is not one of crm.ticket.queues " + queues.keySet());
        }
    }

    public RoutingRules routingRules() {
        return new RoutingRules(routing, defaultQueue);
    }

    public Queue queue(String name) {
        return queues.get(name);
    }
}
