package org.crmsuite.customer.dedup;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.crmsuite.platform.web.IfMatch;
import org.crmsuite.platform.security.CurrentUser;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/customers/{survivorId}")
@Tag(name = "Duplicates and merges", description = "Data stewards merge duplicate customers, and can undo a merge within a window")
class MergeResource {

    private final CustomerMerges merges;

    MergeResource(CustomerMerges merges) {
        this.merges = merges;
    }

    @PostMapping("/merge")
    @Operation(summary = "Merge a duplicate into this customer (data stewards and admins)", description = "The survivor keeps its value "
            + "per field unless fields chooses LOSER; empty survivor fields take the loser's; tags are united; doNotContact is kept if "
            + "either has it, marketingConsent only if both have it. The loser's contacts and group members move over (a second primary "
            + "contact is demoted), the loser becomes a redirect (GET answers 200 with status MERGED and mergedInto), and "
            + "crm.customer.merged.v1 is recorded. If-Match carries the survivor's version, loserVersion the loser's.")
    @ApiResponse(responseCode = "200", description = "Merged; ETag is the survivor's new version")
    @ApiResponse(responseCode = "403", description = "only data stewards and admins merge")
    @ApiResponse(responseCode = "412", description = "stale-version of the survivor or the loser")
    @ApiResponse(responseCode = "422", description = "business-rule-violated: merging into itself, into or from an already merged customer")
    ResponseEntity<MergeView> merge(@PathVariable UUID survivorId,
                                    @Parameter(in = ParameterIn.HEADER, description = "The survivor's ETag", example = "\"3\"")
                                    @RequestHeader(name = IfMatch.HEADER, required = false) String ifMatch,
                                    @Valid @RequestBody MergeRequest request) {
        long version = IfMatch.version(ifMatch);
        CustomerMerges.Merge merge = merges.merge(survivorId, version, request.loserId(), request.loserVersion(),
                request.fields() == null ? Map.of() : request.fields(), CurrentUser.current());
        return ResponseEntity.ok().eTag(Long.toString(merge.survivor().version())).body(MergeView.of(merge));
    }

    @PostMapping("/merges/{mergeId}/undo")
    @Operation(summary = "Undo a merge within the undo window (data stewards and admins)", description = "Restores the survivor's facts "
            + "as they were, makes the loser an active customer again with its contacts and group members, and records "
            + "crm.customer.merge-undone.v1. Refused when the window (crm.customer.merge-undo-window, 7 days by default) has passed "
            + "or the survivor changed after the merge.")
    @ApiResponse(responseCode = "409", description = "conflict: the survivor changed after the merge")
    @ApiResponse(responseCode = "422", description = "business-rule-violated: the window has passed or the merge was already undone")
    ResponseEntity<MergeView> undo(@PathVariable UUID survivorId, @PathVariable UUID mergeId) {
        CustomerMerges.Merge merge = merges.undo(survivorId, mergeId, CurrentUser.current());
        return ResponseEntity.ok().eTag(Long.toString(merge.survivor().version())).body(MergeView.of(merge));
    }

    @Schema(description = "Which customer to merge into this one, and whose value each field keeps")
    record MergeRequest(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) @NotNull UUID loserId,
                        @Schema(description = "The loser's ETag, to be sure it is the record you reviewed", example = "2") Long loserVersion,
                        @Schema(description = "Per field, SURVIVOR (default) or LOSER", example = "{\"legalName\": \"LOSER\", \"phone\": \"LOSER\"}")
                        Map<String, Survivorship.Side> fields) {
    }

    @Schema(description = "A merge")
    record MergeView(UUID mergeId, UUID survivorId, @Schema(example = "C-000123") String survivorCode, long survivorVersion,
                     UUID loserId, @Schema(example = "C-000456") String loserCode, List<UUID> movedContactIds, Instant mergedAt,
                     Instant undoableUntil, Instant undoneAt) {

        static MergeView of(CustomerMerges.Merge m) {
            return new MergeView(m.id(), m.survivor().id(), m.survivor().code(), m.survivor().version(), m.loser().id(),
                    m.loser().code(), m.movedContacts(), m.mergedAt(), m.undoableUntil(), m.undoneAt());
        }
    }
}
