package org.crmsuite.customer.history;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.crmsuite.customer.customer.CustomerRegistry;
import org.crmsuite.platform.security.CurrentUser;
import org.crmsuite.platform.security.PersonalDataKind;
import org.crmsuite.platform.security.PersonalDataPolicy;
import org.crmsuite.platform.web.PageResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/customers/{customerId}/history")
@Tag(name = "History", description = "Who changed what, from what to what, and when")
class HistoryResource {

    /** Contact fields that are personal data: masked in the history like everywhere else. */
    static final Set<String> PERSONAL = Set.of("name", "phones", "email");

    private final ChangeHistory history;
    private final CustomerRegistry customers;

    HistoryResource(ChangeHistory history, CustomerRegistry customers) {
        this.history = history;
        this.customers = customers;
    }

    @GetMapping
    @Operation(summary = "Field-level change history of a customer and its contacts, newest first")
    PageResponse<HistoryEntryView> history(@PathVariable UUID customerId,
                                           @RequestParam(defaultValue = "0") @Min(0) int page,
                                           @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
        customers.get(customerId, CurrentUser.current());
        List<HistoryEntryView> items = history.of(customerId, page, size).stream().map(HistoryEntryView::of).toList();
        long total = history.count(customerId);
        return new PageResponse<>(items, page, size, total, (int) ((total + size - 1) / size));
    }

    @Schema(description = "One changed field")
    record HistoryEntryView(@Schema(example = "CUSTOMER") ChangeHistory.EntityType entityType, UUID entityId,
                            @Schema(example = "city") String field, @Schema(example = "杭州市") String from,
                            @Schema(example = "宁波市") String to, @Schema(example = "rep") String changedBy, Instant changedAt) {

        static HistoryEntryView of(ChangeHistory.Entry entry) {
            boolean personal = entry.entityType() == ChangeHistory.EntityType.CONTACT && PERSONAL.contains(entry.field());
            return new HistoryEntryView(entry.entityType(), entry.entityId(), entry.field(),
                    personal ? mask(entry.field(), entry.from()) : entry.from(),
                    personal ? mask(entry.field(), entry.to()) : entry.to(), entry.changedBy(), entry.changedAt());
        }

        private static String mask(String field, String value) {
            PersonalDataKind kind = switch (field) {
                case "email" -> PersonalDataKind.EMAIL;
                case "phones" -> PersonalDataKind.PHONE;
                default -> PersonalDataKind.PERSON_NAME;
            };
            return PersonalDataPolicy.maskUnlessAllowed(value, kind);
        }
    }
}
