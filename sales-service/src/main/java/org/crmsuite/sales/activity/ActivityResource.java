package org.crmsuite.sales.activity;

import java.net.URI;
import java.time.Instant;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.crmsuite.platform.security.CurrentUser;
import org.crmsuite.platform.web.IfMatch;
import org.crmsuite.platform.web.PageResponse;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/sales")
@Tag(name = "Activities", description = "Calls, visits, meetings, emails and tasks with due times and reminders; follow-up plans for key customers")
class ActivityResource {

    static final String PRINTABLE = "^[^\\p{Cntrl}]*$";
    static final String IF_MATCH_DOC = "The ETag of the version you read, e.g. \"0\"";

    private final ActivityRegistry registry;

    ActivityResource(ActivityRegistry registry) {
        this.registry = registry;
    }

    @PostMapping("/activities")
    @Operation(summary = "Plan an activity", description = "Linked to a lead, an opportunity or a customer (at least one). With remindAt, "
            + "crm.activity.due.v1 is published once when that time comes.")
    @ApiResponse(responseCode = "201", description = "Planned; ETag carries the version")
    @ApiResponse(responseCode = "400", description = "validation-failed: no link, a reminder after the due time, an unknown lead or deal")
    ResponseEntity<ActivityView> plan(@Valid @RequestBody ActivityRequest request) {
        Activity activity = registry.plan(new ActivityRegistry.NewActivity(request.type(), request.subject(), request.notes(), request.dueAt(),
                request.remindAt(), request.leadId(), request.opportunityId(), request.customerId()), CurrentUser.current());
        return ResponseEntity.created(URI.create("/api/v1/sales/activities/" + activity.id())).eTag(Long.toString(activity.version()))
                .body(ActivityView.of(activity));
    }

    @GetMapping("/activities/{id}")
    @Operation(summary = "One activity")
    ResponseEntity<ActivityView> get(@PathVariable UUID id) {
        Activity activity = registry.get(id, CurrentUser.current());
        return ResponseEntity.ok().eTag(Long.toString(activity.version())).body(ActivityView.of(activity));
    }

    @GetMapping("/activities")
    @Operation(summary = "The activities you may see", description = "Filtered by lead, opportunity, customer and status; earliest due first; size at most 100.")
    PageResponse<ActivityView> list(@RequestParam(required = false) UUID leadId, @RequestParam(required = false) UUID opportunityId,
            @RequestParam(required = false) UUID customerId, @RequestParam(required = false) ActivityStatus status,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        PageRequest request = PageRequest.of(Math.max(page, 0), Math.clamp(size, 1, 100), Sort.by("dueAt", "id"));
        return PageResponse.of(registry.list(CurrentUser.current(), leadId, opportunityId, customerId, status, request), ActivityView::of);
    }

    @PostMapping("/activities/{id}/completion")
    @Operation(summary = "Complete a planned activity with its outcome")
    @ApiResponse(responseCode = "412", description = "stale-version")
    @ApiResponse(responseCode = "422", description = "business-rule-violated: already completed or cancelled")
    @ApiResponse(responseCode = "428", description = "version-required")
    ResponseEntity<ActivityView> complete(@PathVariable UUID id, @Valid @RequestBody(required = false) Outcome request,
            @Parameter(in = ParameterIn.HEADER, description = IF_MATCH_DOC) @RequestHeader(value = IfMatch.HEADER, required = false) String ifMatch) {
        Activity activity = registry.complete(id, request == null ? null : request.text(), IfMatch.version(ifMatch), CurrentUser.current());
        return ResponseEntity.ok().eTag(Long.toString(activity.version())).body(ActivityView.of(activity));
    }

    @PostMapping("/activities/{id}/cancellation")
    @Operation(summary = "Cancel a planned activity; its reminder is not sent")
    @ApiResponse(responseCode = "412", description = "stale-version")
    @ApiResponse(responseCode = "422", description = "business-rule-violated: already completed or cancelled")
    ResponseEntity<ActivityView> cancel(@PathVariable UUID id, @Valid @RequestBody(required = false) Outcome request,
            @Parameter(in = ParameterIn.HEADER, description = IF_MATCH_DOC) @RequestHeader(value = IfMatch.HEADER, required = false) String ifMatch) {
        Activity activity = registry.cancel(id, request == null ? null : request.text(), IfMatch.version(ifMatch), CurrentUser.current());
        return ResponseEntity.ok().eTag(Long.toString(activity.version())).body(ActivityView.of(activity));
    }

    @PostMapping("/follow-up-plans")
    @Operation(summary = "Plan regular visits to a key customer", description = "A VISIT activity is created for every period (every N DAYS "
            + "or WEEKS from firstVisitAt), once, crm.sales.activities.follow-up-lead-time before it is due.")
    @ApiResponse(responseCode = "201", description = "Started")
    ResponseEntity<PlanView> startPlan(@Valid @RequestBody PlanRequest request) {
        FollowUpPlan plan = registry.startPlan(request.customerId(), request.subject(), request.every(), request.unit(), request.firstVisitAt(),
                CurrentUser.current());
        return ResponseEntity.created(URI.create("/api/v1/sales/follow-up-plans/" + plan.id())).eTag(Long.toString(plan.version()))
                .body(PlanView.of(plan));
    }

    @GetMapping("/follow-up-plans/{id}")
    @Operation(summary = "One follow-up plan, with its next period and due time")
    ResponseEntity<PlanView> plan(@PathVariable UUID id) {
        FollowUpPlan plan = registry.plan(id, CurrentUser.current());
        return ResponseEntity.ok().eTag(Long.toString(plan.version())).body(PlanView.of(plan));
    }

    @PostMapping("/follow-up-plans/{id}/stop")
    @Operation(summary = "Stop a follow-up plan: no further visits are created (those already planned stay)")
    ResponseEntity<PlanView> stopPlan(@PathVariable UUID id,
            @Parameter(in = ParameterIn.HEADER, description = IF_MATCH_DOC) @RequestHeader(value = IfMatch.HEADER, required = false) String ifMatch) {
        FollowUpPlan plan = registry.stopPlan(id, IfMatch.version(ifMatch), CurrentUser.current());
        return ResponseEntity.ok().eTag(Long.toString(plan.version())).body(PlanView.of(plan));
    }

    record ActivityRequest(@NotNull @Schema(example = "VISIT") ActivityType type,
                           @NotBlank @Size(max = 200) @Pattern(regexp = PRINTABLE) @Schema(example = "拜访采购部：确认 MES 一期范围") String subject,
                           @Size(max = 2000) String notes,
                           @NotNull @Schema(example = "2027-01-12T02:00:00Z") Instant dueAt,
                           @Schema(example = "2027-01-11T09:00:00Z", description = "Not after dueAt") Instant remindAt,
                           UUID leadId, UUID opportunityId, UUID customerId) {
    }

    record Outcome(@Size(max = 1000) @Pattern(regexp = PRINTABLE) @Schema(example = "客户同意下周报价") String text) {
    }

    record PlanRequest(@NotNull UUID customerId,
                       @NotBlank @Size(max = 200) @Pattern(regexp = PRINTABLE) @Schema(example = "季度回访") String subject,
                       @Min(1) @Max(365) @Schema(example = "2") int every,
                       @NotNull @Schema(example = "WEEKS") FollowUpUnit unit,
                       @NotNull @Schema(example = "2027-01-05T02:00:00Z") Instant firstVisitAt) {
    }

    record ActivityView(UUID id, ActivityType type, String subject, String notes, Instant dueAt, Instant remindAt, Instant reminderSentAt,
                        UUID leadId, UUID opportunityId, UUID customerId, ActivityStatus status, String outcome, Instant closedAt,
                        UUID followUpPlanId, Integer planPeriod, String ownerId, String department, long version) {
        static ActivityView of(Activity a) {
            return new ActivityView(a.id(), a.type(), a.subject(), a.notes(), a.dueAt(), a.remindAt(), a.reminderSentAt(), a.leadId(),
                    a.opportunityId(), a.customerId(), a.status(), a.outcome(), a.closedAt(), a.followUpPlanId(), a.planPeriod(), a.owner(),
                    a.department(), a.version());
        }
    }

    record PlanView(UUID id, UUID customerId, String subject, int every, FollowUpUnit unit, int nextPeriod, Instant nextDueAt, boolean active,
                    String ownerId, String department, long version) {
        static PlanView of(FollowUpPlan p) {
            return new PlanView(p.id(), p.customerId(), p.subject(), p.every(), p.unit(), p.nextPeriod(), p.nextDueAt(), p.active(), p.owner(),
                    p.department(), p.version());
        }
    }
}
