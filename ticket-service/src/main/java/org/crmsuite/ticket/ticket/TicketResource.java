package org.crmsuite.ticket.ticket;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.crmsuite.platform.web.IfMatch;
import org.crmsuite.platform.security.CurrentUser;
import org.crmsuite.platform.web.PageResponse;
import org.crmsuite.ticket.satisfaction.FollowUpTask;
import org.crmsuite.ticket.satisfaction.Satisfaction;
import org.crmsuite.ticket.sla.SlaClock;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.web.PageableDefault;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/tickets")
@Tag(name = "Tickets", description = "Service requests worked against SLAs")
class TicketResource {

    /** No control characters in text a person typed (line breaks and tabs are fine in long text). */
    static final String SINGLE_LINE = "^[^\\p{Cntrl}]*$";
    static final String MULTI_LINE = "^[^\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F]*$";
    static final String NO_CONTROL = "must not contain control characters";

    private final Tickets tickets;

    TicketResource(Tickets tickets) {
        this.tickets = tickets;
    }

    @PostMapping
    @Operation(summary = "Open a ticket", description = "Numbers it (T-<year>-<seq>), puts it in a queue, starts its SLA clocks and records crm.ticket.opened.v1.")
    ResponseEntity<TicketView> open(@Valid @RequestBody OpenTicket request) {
        Ticket ticket = tickets.open(new Ticket.Draft(request.customerId(), request.contactId(), request.channel(), request.type(),
                request.category(), request.priority(), request.subject(), request.description()), request.queue(), CurrentUser.current());
        return ResponseEntity.created(URI.create("/api/v1/tickets/" + ticket.id())).eTag(etag(ticket)).body(TicketView.of(ticket));
    }

    @GetMapping("/{id}")
    @Operation(summary = "One ticket with its comments, attachments and history")
    ResponseEntity<TicketView> get(@PathVariable String id) {
        Ticket ticket = tickets.get(id, CurrentUser.current());
        return ResponseEntity.ok().eTag(etag(ticket)).body(TicketView.of(ticket));
    }

    @GetMapping
    @Operation(summary = "Tickets you may see, a page at a time", description = "Sort by createdAt, updatedAt, priority, number or status. "
            + "Without count=true nothing is counted: totalItems and totalPages are what is known so far, exact on the last page, "
            + "otherwise a lower bound one item beyond this page, so page < totalPages - 1 still means that a next page exists. "
            + "count=true makes them exact at the price of counting every matching ticket.")
    PageResponse<TicketSummary> list(@RequestParam(required = false) TicketStatus status, @RequestParam(required = false) String queue,
                                     @RequestParam(required = false) String assignee, @RequestParam(required = false) String customerId,
                                     @RequestParam(required = false) Priority priority,
                                     @Parameter(description = "true: exact totalItems/totalPages (counts all matching tickets); default false: "
                                             + "totals known so far, exact on the last page", example = "false")
                                     @RequestParam(defaultValue = "false") boolean count,
                                     @PageableDefault(size = 20, sort = "createdAt", direction = Sort.Direction.DESC) Pageable page) {
        return PageResponse.of(tickets.list(Tickets.Filter.of(status, queue, assignee, customerId, priority), CurrentUser.current(), page, count),
                TicketSummary::of);
    }

    @PatchMapping("/{id}")
    @Operation(summary = "Change type, category, priority, subject or description", description = "Needs If-Match; a new priority re-targets the SLA.")
    ResponseEntity<TicketView> edit(@PathVariable String id, @Parameter(description = "the ETag you read, e.g. \"3\"") @RequestHeader(value = IfMatch.HEADER, required = false) String ifMatch,
                                    @Valid @RequestBody EditTicket request) {
        long version = IfMatch.version(ifMatch);
        Ticket ticket = tickets.edit(id, version, request.type(), request.category(), request.priority(), request.subject(),
                request.description(), CurrentUser.current());
        return ResponseEntity.ok().eTag(etag(ticket)).body(TicketView.of(ticket));
    }

    @PostMapping("/{id}/assignment")
    @Operation(summary = "Assign the ticket to a queue and/or an agent", description = "Managers of the queue reassign; an agent may take a ticket of their queue. Needs If-Match.")
    ResponseEntity<TicketView> assign(@PathVariable String id, @RequestHeader(value = IfMatch.HEADER, required = false) String ifMatch,
                                      @Valid @RequestBody AssignTicket request) {
        long version = IfMatch.version(ifMatch);
        Ticket ticket = tickets.assign(id, version, request.queue(), request.assignee(), CurrentUser.current());
        return ResponseEntity.ok().eTag(etag(ticket)).body(TicketView.of(ticket));
    }

    @PostMapping("/{id}/status")
    @Operation(summary = "Move the ticket along its flow", description = "new → assigned → in progress ⇄ waiting on customer → resolved → closed; resolved → reopened. An illegal move is a 422 naming from and to. Needs If-Match.")
    ResponseEntity<TicketView> changeStatus(@PathVariable String id, @RequestHeader(value = IfMatch.HEADER, required = false) String ifMatch,
                                            @Valid @RequestBody ChangeStatus request) {
        long version = IfMatch.version(ifMatch);
        Tickets.StatusChanged changed = tickets.changeStatus(id, version, request.status(), request.reason(), CurrentUser.current());
        return ResponseEntity.ok().eTag(etag(changed.ticket())).body(TicketView.of(changed.ticket(), changed.surveyLink()));
    }

    @PostMapping("/{id}/survey")
    @Operation(summary = "Issue a fresh survey link for a resolved ticket", description = "For a resend: the previous unanswered link stops working. The link is shown only in this answer.")
    ResponseEntity<SurveyLink> reissueSurvey(@PathVariable String id) {
        return ResponseEntity.ok(new SurveyLink(tickets.reissueSurvey(id, CurrentUser.current())));
    }

    record SurveyLink(@Schema(example = "https://service.example.com/survey/pQ8vV1...") String surveyLink) {
    }

    @PostMapping("/{id}/comments")
    @Operation(summary = "Comment on the ticket", description = "Public comments are seen by the customer and published (crm.ticket.commented.v1); internal ones are not. No If-Match: a comment overwrites nothing.")
    ResponseEntity<Comment> comment(@PathVariable String id, @Valid @RequestBody AddComment request) {
        Comment comment = tickets.comment(id, request.body(), Boolean.TRUE.equals(request.internal()), CurrentUser.current());
        return ResponseEntity.created(URI.create("/api/v1/tickets/" + id + "#comment-" + comment.id())).body(comment);
    }

    @PostMapping("/{id}/attachments")
    @Operation(summary = "Record an uploaded file's metadata", description = "The file itself lives in object storage; at most 25 MB and 100 files per ticket.")
    ResponseEntity<Attachment> attach(@PathVariable String id, @Valid @RequestBody AddAttachment request) {
        Attachment attachment = tickets.attach(id, request.fileName(), request.contentType(), request.sizeBytes(), request.storageUri(),
                request.sha256(), CurrentUser.current());
        return ResponseEntity.created(URI.create("/api/v1/tickets/" + id + "#attachment-" + attachment.id())).body(attachment);
    }

    @PostMapping("/{id}/articles")
    @Operation(summary = "Link a knowledge-base article to the ticket", description = "No If-Match: a link overwrites nothing.")
    ResponseEntity<TicketView> linkArticle(@PathVariable String id, @Valid @RequestBody LinkArticle request) {
        Ticket ticket = tickets.linkArticle(id, request.articleId(), CurrentUser.current());
        return ResponseEntity.ok().eTag(etag(ticket)).body(TicketView.of(ticket));
    }

    record LinkArticle(@Schema(example = "3f0c7a52-9d7e-4a51-8a57-0f4c1b2d3e4f") @NotBlank @Size(max = 64) String articleId) {
    }

    private static String etag(Ticket ticket) {
        return Long.toString(ticket.version());
    }

    @Schema(description = "A ticket to open")
    record OpenTicket(
            @Schema(example = "0b6f8f5e-1c1a-4b4e-9d2c-6f7d3f1b2a10") @NotBlank @Size(max = 64) @Pattern(regexp = SINGLE_LINE, message = NO_CONTROL) String customerId,
            @Schema(example = "5d1f2c3b-aaaa-4bbb-8ccc-111122223333") @Size(max = 64) @Pattern(regexp = SINGLE_LINE, message = NO_CONTROL) String contactId,
            @Schema(example = "PHONE") @NotNull Channel channel,
            @Schema(example = "INCIDENT") @NotNull TicketType type,
            @Schema(example = "billing/invoice") @Size(max = 100) @Pattern(regexp = SINGLE_LINE, message = NO_CONTROL) String category,
            @Schema(example = "P2") @NotNull Priority priority,
            @Schema(example = "发票金额与合同不一致") @NotBlank @Size(max = 200) @Pattern(regexp = SINGLE_LINE, message = NO_CONTROL) String subject,
            @Schema(example = "客户反映 2026 年 10 月发票金额比合同多 1,200 元。") @Size(max = 20_000) @Pattern(regexp = MULTI_LINE, message = NO_CONTROL) String description,
            @Schema(example = "tier-1", description = "queue (team); omitted: the routing rules or the default queue decide") @Size(max = 64) String queue) {
    }

    @Schema(description = "Fields to change; omitted fields stay as they are")
    record EditTicket(TicketType type,
                      @Size(max = 100) @Pattern(regexp = SINGLE_LINE, message = NO_CONTROL) String category,
                      @Schema(example = "P1") Priority priority,
                      @Size(min = 1, max = 200) @Pattern(regexp = SINGLE_LINE, message = NO_CONTROL) String subject,
                      @Size(max = 20_000) @Pattern(regexp = MULTI_LINE, message = NO_CONTROL) String description) {
    }

    @Schema(description = "Where the ticket goes")
    record AssignTicket(@Schema(example = "tier-1") @Size(max = 64) String queue,
                        @Schema(example = "agent.li") @Size(max = 100) @Pattern(regexp = SINGLE_LINE, message = NO_CONTROL) String assignee) {
    }

    @Schema(description = "A status move")
    record ChangeStatus(@Schema(example = "RESOLVED") @NotNull TicketStatus status,
                        @Schema(example = "重新开具发票并邮件发送给客户", description = "why; required to resolve (the resolution)") @Size(max = 2_000) @Pattern(regexp = MULTI_LINE, message = NO_CONTROL) String reason) {
    }

    @Schema(description = "A comment")
    record AddComment(@Schema(example = "您好，我们已重新开具发票，请查收。") @NotBlank @Size(max = Comment.MAX_LENGTH) @Pattern(regexp = MULTI_LINE, message = NO_CONTROL) String body,
                      @Schema(description = "true: only the service team sees it; default false", example = "false") Boolean internal) {
    }

    @Schema(description = "Metadata of a file already uploaded to object storage")
    record AddAttachment(@Schema(example = "发票截图.png") @NotBlank @Size(max = 255) @Pattern(regexp = SINGLE_LINE, message = NO_CONTROL) String fileName,
                         @Schema(example = "image/png") @NotBlank @Size(max = 100) String contentType,
                         @Schema(example = "183204") @Min(0) @Max(Attachment.MAX_BYTES) long sizeBytes,
                         @Schema(example = "s3://crm-attachments/2026/11/7f3c.png") @NotBlank @Size(max = 1_000) String storageUri,
                         @Schema(example = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08") @Pattern(regexp = "^[0-9a-f]{64}$") String sha256) {
    }

    record SurveyView(Instant issuedAt, Instant expiresAt, Instant usedAt) {
    }

    record TicketSummary(String id, String number, String customerId, String type, Priority priority, String subject,
                         TicketStatus status, String queue, String assignee, Instant resolutionDueAt, Instant createdAt, long version) {
        static TicketSummary of(Ticket t) {
            return new TicketSummary(t.id(), t.number(), t.customerId(), t.type().name(), t.priority(), t.subject(), t.status(),
                    t.queue(), t.assignee(), t.sla() == null ? null : t.sla().resolutionDueAt(), t.createdAt(), t.version());
        }
    }

    record SlaView(String policy, Instant firstResponseDueAt, Instant resolutionDueAt, boolean paused,
                   @Schema(description = "warnings and breaches raised in this cycle", example = "[\"FIRST_RESPONSE_WARNING\"]") List<String> alerts) {
        static SlaView of(Ticket t) {
            SlaClock c = t.sla();
            return c == null ? null : new SlaView(c.policy(), c.firstResponseDueAt(), c.resolutionDueAt(), c.paused(), t.slaAlerts());
        }
    }

    record TicketView(String id, String number, String customerId, String customerName, String customerTier, String contactId,
                      Channel channel, TicketType type, String category, Priority priority, String subject, String description,
                      TicketStatus status, String queue, String department, String assignee, String resolution, int reopenCount,
                      SlaView sla, List<String> articleIds, List<Comment> comments, List<Attachment> attachments, List<Change> history, long version,
                      Instant createdAt, String createdBy, Instant updatedAt, String updatedBy, Instant firstRespondedAt,
                      Instant resolvedAt, Instant closedAt, SurveyView survey, Satisfaction satisfaction, FollowUpTask followUpTask,
                      @Schema(description = "the one-time survey link, only in the answer that resolved the ticket") String surveyLink) {
        static TicketView of(Ticket t) {
            return of(t, null);
        }

        static TicketView of(Ticket t, String surveyLink) {
            return new TicketView(t.id(), t.number(), t.customerId(), t.customerName(), t.customerTier(), t.contactId(), t.channel(),
                    t.type(), t.category(), t.priority(), t.subject(), t.description(), t.status(), t.queue(), t.department(),
                    t.assignee(), t.resolution(), t.reopenCount(), SlaView.of(t), t.articleIds(), t.comments(), t.attachments(), t.history(),
                    t.version(), t.createdAt(), t.createdBy(), t.updatedAt(), t.updatedBy(), t.firstRespondedAt(), t.resolvedAt(),
                    t.closedAt(), t.survey() == null ? null : new SurveyView(t.survey().issuedAt(), t.survey().expiresAt(), t.survey().usedAt()),
                    t.satisfaction(), t.followUpTask(), surveyLink);
        }
    }
}
