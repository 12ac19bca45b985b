package org.crmsuite.customer.dedup;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.crmsuite.customer.customer.CustomerVisibility;
import org.crmsuite.platform.security.CurrentUser;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/customers/duplicates")
@Tag(name = "Duplicates and merges")
class DuplicateResource {

    private final DuplicateReviewQueue queue;

    DuplicateResource(DuplicateReviewQueue queue) {
        this.queue = queue;
    }

    @GetMapping
    @Operation(summary = "The stewards' review queue: possible duplicate pairs, highest score first (data stewards and admins)",
            description = "Filled when a customer is registered with createAnyway despite candidates, and by the periodic scan "
                    + "(crm.customer.duplicate-scan-interval). Merge a pair with POST /api/v1/customers/{survivorId}/merge, or dismiss it.")
    List<DuplicateReviewQueue.Pair> queue(@RequestParam(defaultValue = "0") @Min(0) int page,
                                          @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
        return queue.open(CurrentUser.current(), page, size);
    }

    @PostMapping("/{pairId}/dismiss")
    @Operation(summary = "Not the same company: remove the pair from the queue for good")
    ResponseEntity<Void> dismiss(@PathVariable UUID pairId) {
        queue.dismiss(pairId, CurrentUser.current());
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/scan")
    @Operation(summary = "Run the duplicate scan now over customers changed since the last scan (data stewards and admins)")
    Map<String, Integer> scan() {
        CustomerVisibility.requireAny(CurrentUser.current(), CustomerVisibility.STEWARDS, "run the duplicate scan");
        return Map.of("scanned", queue.scan());
    }
}
