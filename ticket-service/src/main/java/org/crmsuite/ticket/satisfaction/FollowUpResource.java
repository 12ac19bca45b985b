package org.crmsuite.ticket.satisfaction;

import java.time.Clock;
import java.time.Instant;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.crmsuite.platform.security.CurrentUser;
import org.crmsuite.platform.web.CrmProblemException;
import org.crmsuite.platform.web.PageResponse;
import org.crmsuite.ticket.ticket.Ticket;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/tickets")
@Tag(name = "Follow-ups", description = "Call-back tasks that poorly rated complaints leave for the queue's manager")
class FollowUpResource {

    private final FollowUps followUps;
    private final Clock clock;

    FollowUpResource(FollowUps followUps, Clock clock) {
        this.followUps = followUps;
        this.clock = clock;
    }

    @GetMapping("/follow-ups")
    @Operation(summary = "Follow-up tasks you owe or oversee, earliest due first",
            description = "The manager a task names, service managers of the ticket's department and admins see it. status: OPEN (default) or DONE.")
    PageResponse<FollowUpView> list(@Parameter(example = "OPEN") @RequestParam(defaultValue = "OPEN") FollowUpTask.Status status,
                                    @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        if (page < 0 || size < 1 || size > 100) {
            throw CrmProblemException.invalid(page < 0 ? "page" : "size", page < 0 ? "must be 0 or more" : "must be 1 to 100");
        }
        Instant now = clock.instant();
        return PageResponse.of(followUps.list(status, CurrentUser.current(), page, size), t -> FollowUpView.of(t, now));
    }

    @PostMapping("/{id}/follow-up/completion")
    @Operation(summary = "Complete the ticket's follow-up task with the outcome of the call",
            description = "Once: a second completion is a 409 naming who completed it. No If-Match: it changes nothing but the task's state.")
    ResponseEntity<FollowUpView> complete(@PathVariable String id, @Valid @RequestBody CompleteFollowUp request) {
        Ticket ticket = followUps.complete(id, request.outcome(), CurrentUser.current());
        return ResponseEntity.ok().eTag("\"" + ticket.version() + "\"").body(FollowUpView.of(ticket, clock.instant()));
    }

    record CompleteFollowUp(@Schema(example = "已致电客户致歉，赠送一个月服务费减免，客户接受。") @NotBlank @Size(max = 10_000)
                            String outcome) {
    }

    record FollowUpView(@Schema(example = "0b6f1f5e-2c44-4f0e-9c55-3c1a0f8f6a11") String ticketId,
                        @Schema(example = "T-2026-000042") String number, String customerId, String customerName, String queue,
                        String subject, @Schema(example = "CALL_BACK") String kind, @Schema(example = "service.manager") String assignee,
                        @Schema(example = "complaint rated 2 of 5") String reason, Integer csat, FollowUpTask.Status status,
                        Instant createdAt, Instant dueAt, boolean overdue, Instant completedAt, String completedBy, String outcome) {

        static FollowUpView of(Ticket t, Instant now) {
            FollowUpTask task = t.followUpTask();
            return new FollowUpView(t.id(), t.number(), t.customerId(), t.customerName(), t.queue(), t.subject(), task.kind(),
                    task.assignee(), task.reason(), t.satisfaction() == null ? null : t.satisfaction().csat(), task.status(),
                    task.createdAt(), task.dueAt(), task.status() == FollowUpTask.Status.OPEN && task.dueAt() != null && now.isAfter(task.dueAt()),
                    task.completedAt(), task.completedBy(), task.outcome());
        }
    }
}
