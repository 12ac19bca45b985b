package org.crmsuite.customer.customer;

import java.net.URI;
import java.time.Instant;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.crmsuite.platform.security.CurrentUser;
import org.crmsuite.platform.web.PageResponse;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.web.PageableDefault;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/customers")
@Tag(name = "Customers", description = "Corporate customers, the master record every department shares")
class CustomerResource {

    /** No control characters in any text a person typed (they break exports, logs and other systems). */
    static final String PRINTABLE = "^[^\\p{Cntrl}]*$";

    private final CustomerRegistry registry;

    CustomerResource(CustomerRegistry registry) {
        this.registry = registry;
    }

    @PostMapping
    @Operation(summary = "Register a customer", description = "Standardises the names, checks the unified social credit code and records a crm.customer.created.v1 event.")
    ResponseEntity<CustomerView> register(@Valid @RequestBody RegisterCustomer request) {
        Customer customer = registry.register(NewCustomer.standardise(request.legalName(), request.shortName(), request.uscc(),
                request.industry(), request.lifecycleStage(), request.valueTier()), CurrentUser.current());
        return ResponseEntity.created(URI.create("/api/v1/customers/" + customer.id()))
                .eTag(Long.toString(customer.version())).body(CustomerView.of(customer));
    }

    @GetMapping("/{id}")
    @Operation(summary = "One customer")
    ResponseEntity<CustomerView> get(@PathVariable UUID id) {
        Customer customer = registry.get(id, CurrentUser.current());
        return ResponseEntity.ok().eTag(Long.toString(customer.version())).body(CustomerView.of(customer));
    }

    @GetMapping
    @Operation(summary = "Customers you may see, a page at a time")
    PageResponse<CustomerView> list(@PageableDefault(size = 20, sort = "legalName", direction = Sort.Direction.ASC) Pageable page) {
        return PageResponse.of(registry.list(CurrentUser.current(), page), CustomerView::of);
    }

    @Schema(description = "A customer to register")
    record RegisterCustomer(
            @Schema(example = "杭州云栖科技有限公司") @NotBlank @Size(max = 200) @Pattern(regexp = PRINTABLE, message = "must not contain control characters") String legalName,
            @Schema(example = "云栖科技") @Size(max = 100) @Pattern(regexp = PRINTABLE, message = "must not contain control characters") String shortName,
            @Schema(example = "91330106MA27XY812F", description = "Unified social credit code, 18 characters (GB 32100-2015); optional for foreign companies") @Size(max = 18, message = "must have 18 characters") String uscc,
            @Schema(example = "软件和信息技术服务业") @Size(max = 100) @Pattern(regexp = PRINTABLE, message = "must not contain control characters") String industry,
            LifecycleStage lifecycleStage,
            ValueTier valueTier) {
    }

    record CustomerView(UUID id, String code, String legalName, String shortName, String uscc, String industry,
                        LifecycleStage lifecycleStage, ValueTier valueTier, CustomerStatus status, String ownerId,
                        String department, long version, Instant createdAt, String createdBy, Instant updatedAt, String updatedBy) {

        static CustomerView of(Customer c) {
            return new CustomerView(c.id(), c.code(), c.legalName(), c.shortName(), c.uscc(), c.industry(), c.lifecycleStage(),
                    c.valueTier(), c.status(), c.ownerId(), c.department(), c.version(), c.createdAt(), c.createdBy(),
                    c.updatedAt(), c.updatedBy());
        }
    }
}
