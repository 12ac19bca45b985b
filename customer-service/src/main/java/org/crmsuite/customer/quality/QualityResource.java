package org.crmsuite.customer.quality;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.crmsuite.customer.customer.ContactChannel;
import org.crmsuite.customer.customer.Customer;
import org.crmsuite.customer.customer.CustomerRegistry;
import org.crmsuite.platform.security.CurrentUser;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/customers/{id}")
@Tag(name = "Data quality", description = "How trustworthy a customer record is, and confirmation with the customer")
class QualityResource {

    private final CustomerRegistry customers;
    private final Clock clock;

    QualityResource(CustomerRegistry customers, Clock clock) {
        this.customers = customers;
        this.clock = clock;
    }

    @GetMapping("/quality")
    @Operation(summary = "The customer's data quality score (0-100) with its dimensions and the issues to fix",
            description = "Completeness 50, validity 20, timeliness 20 (confirmed with the customer within a year), consistency 10 "
                    + "(the lifecycle stage's required fields).")
    QualityView quality(@PathVariable UUID id) {
        Customer customer = customers.get(id, CurrentUser.current());
        return QualityView.of(customer, QualityScore.of(customer, clock.instant()));
    }

    @PostMapping("/verification")
    @Operation(summary = "Record that the customer's facts were confirmed with the customer", description = "Records who, how and "
            + "when in the customer and its history; raises timeliness to full marks for a year.")
    ResponseEntity<QualityView> verify(@PathVariable UUID id, @Valid @RequestBody Verification request) {
        Customer customer = customers.verify(id, request.channel(), CurrentUser.current());
        return ResponseEntity.ok().eTag(Long.toString(customer.version()))
                .body(QualityView.of(customer, QualityScore.of(customer, clock.instant())));
    }

    @Schema(description = "How the facts were confirmed")
    record Verification(@Schema(example = "PHONE", requiredMode = Schema.RequiredMode.REQUIRED) @NotNull ContactChannel channel) {
    }

    @Schema(description = "A customer's data quality")
    record QualityView(UUID customerId, @Schema(example = "85") int score, int completeness, int validity, int timeliness,
                       int consistency, List<QualityScore.Issue> issues, Instant lastVerifiedAt, String verifiedBy,
                       ContactChannel verifiedVia) {

        static QualityView of(Customer c, QualityScore.Result r) {
            return new QualityView(c.id(), r.score(), r.completeness(), r.validity(), r.timeliness(), r.consistency(), r.issues(),
                    c.lastVerifiedAt(), c.verifiedBy(), c.verifiedVia());
        }
    }
}
