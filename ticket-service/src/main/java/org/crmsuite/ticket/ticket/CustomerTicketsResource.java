package org.crmsuite.ticket.ticket;

import java.util.List;
import java.util.Set;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.crmsuite.platform.security.CurrentUser;
import org.crmsuite.ticket.customer.CustomerDirectory;
import org.crmsuite.ticket.customer.CustomerInfo;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** What an agent sees beside a ticket: who the customer is, how much they matter, and their other open tickets. */
@RestController
@RequestMapping("/api/v1/tickets/customers/{customerId}")
@Tag(name = "Customer context", description = "The customer's tier, stage and open tickets, for the agent working a ticket")
class CustomerTicketsResource {

    private static final Set<TicketStatus> OPEN = Set.of(TicketStatus.NEW, TicketStatus.ASSIGNED, TicketStatus.IN_PROGRESS,
            TicketStatus.WAITING_ON_CUSTOMER, TicketStatus.REOPENED);
    private static final int OPEN_SHOWN = 250;

    private final CustomerDirectory customers;
    private final Tickets tickets;

    CustomerTicketsResource(CustomerDirectory customers, Tickets tickets) {
        this.customers = customers;
        this.tickets = tickets;
    }

    @GetMapping
    @Operation(summary = "The customer's context", description = "From customer-service, or from the local snapshot while it is down; open tickets are those you may see.")
    CustomerContextView context(@PathVariable String customerId) {
        CurrentUser user = CurrentUser.current();
        CustomerInfo customer = customers.describe(customerId).orElse(null);
        // One query over all open statuses (newest first), at most as many as the five per-status lists of 50 it replaced.
        List<TicketResource.TicketSummary> open = tickets.list(new Tickets.Filter(OPEN, null, null, customerId, null), user,
                        PageRequest.of(0, OPEN_SHOWN, Sort.by(Sort.Direction.DESC, "createdAt")), false).getContent().stream()
                .map(TicketResource.TicketSummary::of).toList();
        return new CustomerContextView(customerId, customer == null ? null : customer.name(), customer == null ? null : customer.tier(),
                customer == null ? null : customer.lifecycleStage(), customer == null ? null : customer.status(), open.size(), open);
    }

    @Schema(description = "The customer beside a ticket")
    record CustomerContextView(String customerId, @Schema(example = "云栖科技") String name, @Schema(example = "KEY") String tier,
                               @Schema(example = "ACTIVE") String lifecycleStage, String status, int openTickets,
                               List<TicketResource.TicketSummary> openTicketList) {
    }
}
