package org.crmsuite.ticket.assignment;

import java.time.Clock;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.crmsuite.platform.security.CurrentUser;
import org.crmsuite.platform.web.CrmProblemException;
import org.crmsuite.ticket.config.TicketProperties;
import org.crmsuite.ticket.ticket.TicketAccess;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/tickets/queues/{queue}/agents")
@Tag(name = "Queues", description = "Agents of a queue and their availability for automatic assignment")
class QueueAgentResource {

    private final QueueAgents agents;
    private final TicketProperties properties;
    private final Clock clock;

    QueueAgentResource(QueueAgents agents, TicketProperties properties, Clock clock) {
        this.agents = agents;
        this.properties = properties;
        this.clock = clock;
    }

    @GetMapping
    @Operation(summary = "Agents available in the queue now")
    List<String> available(@PathVariable String queue) {
        requireQueue(queue);
        return agents.available(queue);
    }

    @PutMapping("/{agent}")
    @Operation(summary = "Set an agent's availability", description = "The agent themself or a manager of the queue's department.")
    Availability set(@PathVariable String queue, @PathVariable String agent, @Valid @RequestBody Availability body) {
        TicketProperties.Queue team = requireQueue(queue);
        CurrentUser user = CurrentUser.current();
        if (!user.id().equals(agent) && !TicketAccess.isManagerOf(user, team.department())) {
            throw new AccessDeniedException("only " + agent + " or a manager of " + queue + " sets their availability");
        }
        agents.setAvailability(queue, agent, body.available(), user.id(), clock.instant());
        return body;
    }

    private TicketProperties.Queue requireQueue(String queue) {
        TicketProperties.Queue team = properties.queue(queue);
        if (team == null) {
            throw CrmProblemException.notFound("queue", queue);
        }
        return team;
    }

    @Schema(description = "Whether the agent takes new tickets now")
    record Availability(@Schema(example = "true") @NotNull Boolean available) {
    }
}
