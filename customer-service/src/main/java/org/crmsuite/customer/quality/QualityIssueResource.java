package org.crmsuite.customer.quality;

import java.net.URI;
import java.time.Instant;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.crmsuite.platform.security.CurrentUser;
import org.crmsuite.platform.web.IfMatch;
import org.crmsuite.platform.web.PageResponse;
import org.springframework.data.domain.Pageable;
import org.springframework.data.web.PageableDefault;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/customers")
@Tag(name = "Data quality")
class QualityIssueResource {

    static final String USER_ID = "^[^\\p{Cntrl}]*$";
    static final String NO_CONTROL = "must not contain control characters";
    static final String IF_MATCH_DOC = "The ETag of the issue you read, e.g. \"0\". Missing: 428 version-required; stale: 412 stale-version.";

    private final QualityIssues issues;

    QualityIssueResource(QualityIssues issues) {
        this.issues = issues;
    }

    @PostMapping("/{id}/quality/issues")
    @Operation(summary = "Assign a data-quality issue of the customer to a steward (data stewards and admins)", description = "Records "
            + "crm.customer.quality-issue-assigned.v1 with the record's current score and department (notification-service tells the "
            + "assignee). field is required for MISSING_FIELD and INVALID_FIELD; dueAt must not be in the past; note at most 2000 "
            + "characters. A merged customer answers 409 with mergedInto (assign on the survivor); archived and erased ones 422.")
    ResponseEntity<QualityIssueView> assign(@PathVariable UUID id, @Valid @RequestBody AssignRequest request) {
        QualityIssue issue = issues.assign(id, new QualityIssues.Assignment(request.kind(), request.field(), request.assignee(),
                request.dueAt(), request.note()), CurrentUser.current());
        return ResponseEntity.created(URI.create("/api/v1/customers/" + id + "/quality/issues/" + issue.issueId()))
                .eTag(Long.toString(issue.version())).body(QualityIssueView.of(issue));
    }

    @GetMapping("/{id}/quality/issues/{issueId}")
    @Operation(summary = "One data-quality issue (stewards and admins; managers of the customer's department; its assignee)")
    ResponseEntity<QualityIssueView> get(@PathVariable UUID id, @PathVariable UUID issueId) {
        return withETag(issues.get(id, issueId, CurrentUser.current()));
    }

    @PutMapping("/{id}/quality/issues/{issueId}/assignee")
    @Operation(summary = "Give an open data-quality issue to another steward (data stewards and admins)", description = "If-Match "
            + "required. Records crm.customer.quality-issue-assigned.v1 again with the same issueId; dueAt and note replace the "
            + "earlier ones when sent. A resolved issue answers 409.")
    ResponseEntity<QualityIssueView> reassign(@PathVariable UUID id, @PathVariable UUID issueId,
                                              @Parameter(in = ParameterIn.HEADER, name = IfMatch.HEADER, description = IF_MATCH_DOC, example = "\"0\"")
                                              @RequestHeader(name = IfMatch.HEADER, required = false) String ifMatch,
                                              @Valid @RequestBody ReassignRequest request) {
        long version = IfMatch.version(ifMatch);
        return withETag(issues.reassign(id, issueId, version, request.assignee(), request.dueAt(), request.note(), CurrentUser.current()));
    }

    @PostMapping("/{id}/quality/issues/{issueId}/resolution")
    @Operation(summary = "Mark a data-quality issue resolved (its assignee, or an admin)", description = "Sets status RESOLVED with "
            + "resolvedBy and resolvedAt; If-Match is optional (checked when sent). Resolving a resolved issue answers 409.")
    ResponseEntity<QualityIssueView> resolve(@PathVariable UUID id, @PathVariable UUID issueId,
                                             @Parameter(in = ParameterIn.HEADER, name = IfMatch.HEADER, description = "Optional: " + IF_MATCH_DOC, example = "\"1\"")
                                             @RequestHeader(name = IfMatch.HEADER, required = false) String ifMatch,
                                             @Valid @RequestBody(required = false) ResolveRequest request) {
        Long version = ifMatch == null || ifMatch.isBlank() ? null : IfMatch.version(ifMatch);
        return withETag(issues.resolve(id, issueId, version, request == null ? null : request.resolution(), CurrentUser.current()));
    }

    @GetMapping("/quality/issues")
    @Operation(summary = "Data-quality issues, oldest due first: a steward's work list", description = "Stewards and admins see all; "
            + "sales and service managers the issues of their departments' customers. Filters combine with AND; status absent = both; "
            + "department includes the departments below it. Issues without a due time come last. size ≤ 200.")
    PageResponse<QualityIssueView> list(@Parameter(example = "steward") @RequestParam(required = false) String assignee,
                                        @Parameter(example = "OPEN") @RequestParam(required = false) QualityIssue.Status status,
                                        @Parameter(example = "/sales/east") @RequestParam(required = false) String department,
                                        @PageableDefault(size = 50) @Parameter(hidden = true) Pageable page) {
        return PageResponse.of(issues.list(blankToNull(assignee), status, blankToNull(department), page, CurrentUser.current()),
                QualityIssueView::of);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static ResponseEntity<QualityIssueView> withETag(QualityIssue issue) {
        return ResponseEntity.ok().eTag(Long.toString(issue.version())).body(QualityIssueView.of(issue));
    }

    @Schema(description = "A data-quality issue to assign to a steward")
    record AssignRequest(
            @Schema(example = "MISSING_FIELD", requiredMode = Schema.RequiredMode.REQUIRED) @NotNull QualityIssue.Kind kind,
            @Schema(example = "uscc", description = "The customer API field concerned; required for MISSING_FIELD and INVALID_FIELD") @Size(max = 60) String field,
            @Schema(example = "steward", description = "User id (preferred_username) of the steward", requiredMode = Schema.RequiredMode.REQUIRED)
            @NotBlank @Size(max = QualityIssue.MAX_USER_ID) @Pattern(regexp = USER_ID, message = NO_CONTROL) String assignee,
            @Schema(example = "2026-12-15T10:00:00Z", description = "When it should be fixed; not in the past") Instant dueAt,
            @Schema(example = "营业执照上有统一社会信用代码，请补全") @Size(max = QualityIssue.MAX_NOTE) String note) {
    }

    @Schema(description = "The steward who takes the issue over")
    record ReassignRequest(
            @Schema(example = "steward.li", requiredMode = Schema.RequiredMode.REQUIRED)
            @NotBlank @Size(max = QualityIssue.MAX_USER_ID) @Pattern(regexp = USER_ID, message = NO_CONTROL) String assignee,
            @Schema(example = "2026-12-20T10:00:00Z", description = "A new due time (kept when left out)") Instant dueAt,
            @Schema(example = "张三休假，请李四跟进", description = "Replaces the note when sent") @Size(max = QualityIssue.MAX_NOTE) String note) {
    }

    @Schema(description = "How the issue was fixed")
    record ResolveRequest(@Schema(example = "已按营业执照补全统一社会信用代码") @Size(max = QualityIssue.MAX_NOTE) String resolution) {
    }

    @Schema(description = "A data-quality issue and who works on it")
    record QualityIssueView(UUID issueId, UUID customerId, @Schema(example = "C-000123") String customerCode,
                            @Schema(example = "/sales/east", description = "The customer's department now") String department,
                            @Schema(example = "MISSING_FIELD") QualityIssue.Kind kind, @Schema(example = "uscc") String field,
                            @Schema(example = "steward") String assignee, @Schema(example = "steward.lead") String assignedBy,
                            Instant assignedAt, Instant dueAt, String note, @Schema(example = "OPEN") QualityIssue.Status status,
                            String resolvedBy, Instant resolvedAt, String resolution, @Schema(example = "0") long version) {

        static QualityIssueView of(QualityIssue i) {
            return new QualityIssueView(i.issueId(), i.customerId(), i.customerCode(), i.department(), i.kind(), i.field(), i.assignee(),
                    i.assignedBy(), i.assignedAt(), i.dueAt(), i.note(), i.status(), i.resolvedBy(), i.resolvedAt(), i.resolution(),
                    i.version());
        }
    }
}
