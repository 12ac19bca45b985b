package org.crmsuite.customer.contact;

import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.crmsuite.customer.customer.Customer;
import org.crmsuite.platform.security.CurrentUser;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Customers")
class CustomerErasureResource {

    private final CustomerErasure erasure;

    CustomerErasureResource(CustomerErasure erasure) {
        this.erasure = erasure;
    }

    @PostMapping("/api/v1/customers/{customerId}/erase")
    @Operation(summary = "Erase a customer on request (data stewards and admins)", description = "Customers are never hard-deleted. "
            + "Erasure anonymises the record in place (name, short name, USCC, street, district, website, phone and email), erases "
            + "every contact, blanks those values in the history and records crm.customer.erased.v1 (and crm.contact.erased.v1 per "
            + "contact). Code, industry, size, province, city, tier and stage stay for statistics. Idempotent.")
    @ApiResponse(responseCode = "200", description = "Erased; the anonymised record")
    @ApiResponse(responseCode = "403", description = "only data stewards and admins erase")
    ResponseEntity<Erased> erase(@PathVariable UUID customerId, @Valid @RequestBody(required = false) Reason request) {
        Customer customer = erasure.erase(customerId, request == null ? null : request.reason(), CurrentUser.current());
        return ResponseEntity.ok().eTag(Long.toString(customer.version()))
                .body(new Erased(customer.id(), customer.code(), customer.legalName(), customer.status().name(), customer.version()));
    }

    @Schema(description = "Why")
    record Reason(@Schema(example = "个体工商户本人要求删除 / the owner asked for erasure") @Size(max = 500)
                  @Pattern(regexp = "^[^\\p{Cntrl}]*$", message = "must not contain control characters") String reason) {
    }

    @Schema(description = "The erased customer")
    record Erased(UUID id, String code, String legalName, String status, long version) {
    }
}
