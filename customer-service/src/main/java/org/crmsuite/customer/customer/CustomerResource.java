package org.crmsuite.customer.customer;

import java.net.URI;
import java.time.Instant;
import java.util.List;
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
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.crmsuite.platform.web.IfMatch;
import org.crmsuite.platform.security.CurrentUser;
import org.crmsuite.platform.web.CrmProblemException;
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

import tools.jackson.databind.json.JsonMapper;

@RestController
@RequestMapping("/api/v1/customers")
@Tag(name = "Customers", description = "Corporate customers, the master record every department shares")
class CustomerResource {

    /** No control characters in any text a person typed (they break exports, logs and other systems). */
    static final String PRINTABLE = "^[^\\p{Cntrl}]*$";
    static final String NO_CONTROL = "must not contain control characters";
    static final String IF_MATCH_DOC = "The ETag of the version you edited, e.g. \"3\". Missing: 428 version-required; stale: 412 stale-version.";

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final CustomerRegistry registry;
    private final JsonMapper json;

    CustomerResource(CustomerRegistry registry, JsonMapper json) {
        this.registry = registry;
        this.json = json;
    }

    @PostMapping
    @Operation(summary = "Register a customer", description = "Standardises names, phone, email and website, checks the unified social "
            + "credit code and the requirements of the initial lifecycle stage, and records a crm.customer.created.v1 event. "
            + "With an Idempotency-Key header the registration happens once per key and caller: a repeat (also a concurrent one) "
            + "answers 200 with the customer registered the first time and records no second event.")
    @ApiResponse(responseCode = "201", description = "Registered; ETag carries the version")
    @ApiResponse(responseCode = "200", description = "A repeat of an earlier request with the same Idempotency-Key: the customer it "
            + "registered (header Idempotent-Replayed: true); nothing new was recorded")
    @ApiResponse(responseCode = "400", description = "validation-failed: the offending fields are listed under errors")
    @ApiResponse(responseCode = "409", description = "conflict: a customer with this USCC exists (conflict: same-uscc), or possible duplicates "
            + "were found (conflict: possible-duplicates); candidates lists id, code, name, score (0-100) and reasons. Send createAnyway: true "
            + "to register a different company with a similar name.")
    @ApiResponse(responseCode = "413", description = "payload-too-large")
    @ApiResponse(responseCode = "422", description = "business-rule-violated: the initial stage needs more fields; or "
            + "idempotency-key-reused: the Idempotency-Key was used before with a different request body")
    ResponseEntity<CustomerView> register(
            @Parameter(in = ParameterIn.HEADER, description = "Any unique string (a UUID is best), 1 to 200 printable characters; "
                    + "remembered per caller for crm.customer.idempotency-key-retention (24 h)", example = "5f0c2a7e-8d1b-4c1e-9a55-2b7f0d6c9e41")
            @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String idempotencyKey,
            @Valid @RequestBody CustomerRequest request) {
        CustomerDetails details = CustomerDetails.standardise(request.details());
        boolean anyway = Boolean.TRUE.equals(request.createAnyway());
        CurrentUser user = CurrentUser.current();
        if (idempotencyKey == null) {
            Customer customer = registry.register(details, request.lifecycleStage(), request.ownerId(), request.department(), anyway, user);
            return created(customer);
        }
        if (idempotencyKey.isBlank() || idempotencyKey.length() > 200 || !idempotencyKey.matches("^[\\x21-\\x7E]+$")) {
            throw CrmProblemException.invalid(IDEMPOTENCY_KEY, "must be 1 to 200 printable ASCII characters without spaces");
        }
        CustomerRegistry.Registration registration = registry.register(new CustomerRegistry.IdempotencyKey(idempotencyKey,
                fingerprint(request)), details, request.lifecycleStage(), request.ownerId(), request.department(), anyway, user);
        if (!registration.replayed()) {
            return created(registration.customer());
        }
        return ResponseEntity.ok().eTag(Long.toString(registration.customer().version())).header("Idempotent-Replayed", "true")
                .body(CustomerView.of(registration.customer()));
    }

    @PostMapping("/duplicates/check")
    @Operation(summary = "Possible duplicates of a customer before registering it", description = "Takes the same body as POST "
            + "/api/v1/customers, standardises it the same way and answers the existing customers that may be the same company (an "
            + "existing USCC scores 100), best first, in the shape of the 409 possible-duplicates problem. Creates nothing. For lead "
            + "conversion and integrations that want to link instead of register.")
    @ApiResponse(responseCode = "200", description = "The candidates (an empty list when there are none)")
    @ApiResponse(responseCode = "400", description = "validation-failed: the offending fields are listed under errors")
    DuplicateCheckResult checkDuplicates(@Valid @RequestBody CustomerRequest request) {
        return new DuplicateCheckResult(registry.duplicateCandidates(CustomerDetails.standardise(request.details()), CurrentUser.current()));
    }

    @Schema(description = "Possible duplicates, best first")
    record DuplicateCheckResult(List<DuplicateCandidate> candidates) {
    }

    private static ResponseEntity<CustomerView> created(Customer customer) {
        return ResponseEntity.created(URI.create("/api/v1/customers/" + customer.id()))
                .eTag(Long.toString(customer.version())).body(CustomerView.of(customer));
    }

    /** SHA-256 of the request as Jackson writes it, so the same facts in other whitespace or key order match. */
    private String fingerprint(CustomerRequest request) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(json.writeValueAsString(request).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @GetMapping("/{id}")
    @Operation(summary = "One customer", description = "A merged customer answers 200 with status MERGED and mergedInto, the survivor's id.")
    ResponseEntity<CustomerView> get(@PathVariable UUID id) {
        return withETag(registry.get(id, CurrentUser.current()));
    }

    @PutMapping("/{id}")
    @Operation(summary = "Change a customer's facts", description = "Replaces every editable fact (a field left out is cleared; ownerId and "
            + "department left out keep their value). Records the changed fields in the history and a crm.customer.updated.v1 event. "
            + "The lifecycle stage changes through PUT /{id}/lifecycle-stage.")
    @ApiResponse(responseCode = "200", description = "Changed; ETag carries the new version")
    @ApiResponse(responseCode = "409", description = "conflict: the changed legal name, USCC, phone, email or website make it a possible "
            + "duplicate of another customer (conflict: possible-duplicates, with candidates; send saveAnyway: true to save anyway), or "
            + "another customer has this USCC (conflict: same-uscc)")
    @ApiResponse(responseCode = "412", description = "stale-version: someone changed the customer since you read it")
    @ApiResponse(responseCode = "428", description = "version-required: send If-Match")
    @ApiResponse(responseCode = "422", description = "business-rule-violated: the stage's required fields, a cycle of parents, an archived customer")
    ResponseEntity<CustomerView> update(@PathVariable UUID id,
                                        @Parameter(in = ParameterIn.HEADER, description = IF_MATCH_DOC, example = "\"3\"")
                                        @RequestHeader(name = IfMatch.HEADER, required = false) String ifMatch,
                                        @Valid @RequestBody CustomerRequest request) {
        long version = IfMatch.version(ifMatch);
        Customer current = registry.get(id, CurrentUser.current());
        if (request.lifecycleStage() != null && request.lifecycleStage() != current.lifecycleStage()) {
            throw CrmProblemException.invalid("lifecycleStage", "change the stage with PUT /api/v1/customers/" + id + "/lifecycle-stage");
        }
        return withETag(registry.update(id, version, CustomerDetails.standardise(request.details()), request.ownerId(),
                request.department(), Boolean.TRUE.equals(request.saveAnyway()) || Boolean.TRUE.equals(request.createAnyway()),
                CurrentUser.current()));
    }

    @PutMapping("/{id}/lifecycle-stage")
    @Operation(summary = "Move a customer to another lifecycle stage", description = "Allowed moves: PROSPECT→ONBOARDING|ACTIVE, "
            + "ONBOARDING→PROSPECT|ACTIVE|CHURNED, ACTIVE→AT_RISK|CHURNED, AT_RISK→ACTIVE|CHURNED, CHURNED→ONBOARDING|ACTIVE. "
            + "ONBOARDING and CHURNED need a USCC (or foreignCompany) and an owner; ACTIVE and AT_RISK also a department, industry, "
            + "province and city; AT_RISK and CHURNED need a reason. Records crm.customer.lifecycle-stage-changed.v1.")
    @ApiResponse(responseCode = "422", description = "business-rule-violated: the move is not allowed or required fields are missing (listed under errors)")
    ResponseEntity<CustomerView> changeStage(@PathVariable UUID id,
                                             @Parameter(in = ParameterIn.HEADER, description = IF_MATCH_DOC, example = "\"3\"")
                                             @RequestHeader(name = IfMatch.HEADER, required = false) String ifMatch,
                                             @Valid @RequestBody StageChange request) {
        return withETag(registry.changeStage(id, IfMatch.version(ifMatch), request.stage(), CustomerDetails.text(request.reason()),
                CurrentUser.current()));
    }

    @PostMapping("/{id}/archive")
    @Operation(summary = "Archive a customer", description = "Customers are never hard-deleted: an archived customer keeps its record, "
            + "history and contacts, and references from tickets (open ones too), deals and invoices keep resolving. Managers, "
            + "data stewards and admins may archive. Records crm.customer.archived.v1.")
    ResponseEntity<CustomerView> archive(@PathVariable UUID id,
                                         @Parameter(in = ParameterIn.HEADER, description = IF_MATCH_DOC, example = "\"3\"")
                                         @RequestHeader(name = IfMatch.HEADER, required = false) String ifMatch,
                                         @Valid @RequestBody(required = false) Reason request) {
        return withETag(registry.archive(id, IfMatch.version(ifMatch), request == null ? null : CustomerDetails.text(request.reason()),
                CurrentUser.current()));
    }

    @PostMapping("/{id}/restore")
    @Operation(summary = "Bring an archived customer back into use", description = "Records crm.customer.updated.v1 with the new status.")
    ResponseEntity<CustomerView> restore(@PathVariable UUID id,
                                         @Parameter(in = ParameterIn.HEADER, description = IF_MATCH_DOC, example = "\"3\"")
                                         @RequestHeader(name = IfMatch.HEADER, required = false) String ifMatch) {
        return withETag(registry.restore(id, IfMatch.version(ifMatch), CurrentUser.current()));
    }

    @GetMapping
    @Operation(summary = "Customers you may see, a page at a time", description = "Filters combine with AND; sorting on legalName, code, "
            + "createdAt or updatedAt; page size at most 200. Lists ACTIVE customers unless status is given.")
    PageResponse<CustomerView> list(
            @Parameter(description = "Fuzzy name search, Chinese or Latin: tolerates typos, a missing legal form (有限公司, Co., Ltd.) and "
                    + "partial names; a customer code or a USCC finds that customer. Without a sort, best matches first.",
                    example = "云栖科技") @RequestParam(required = false) @Size(max = 200) String q,
            @Parameter(example = "C-000123") @RequestParam(required = false) String code,
            @Parameter(example = "91330106MA27XY812F") @RequestParam(required = false) String uscc,
            @Parameter(description = "any common form; compared in E.164", example = "0571-88886666") @RequestParam(required = false) String phone,
            @Parameter(example = "重点客户") @RequestParam(required = false) String tag,
            @RequestParam(required = false) ValueTier tier,
            @RequestParam(required = false) LifecycleStage stage,
            @Parameter(example = "rep") @RequestParam(required = false) String owner,
            @Parameter(description = "the department or any below it", example = "/sales/east") @RequestParam(required = false) String department,
            @Parameter(example = "浙江省") @RequestParam(required = false) String province,
            @Parameter(example = "杭州市") @RequestParam(required = false) String city,
            @Parameter(example = "西湖区") @RequestParam(required = false) String district,
            @RequestParam(required = false) CustomerStatus status,
            @Parameter(description = "legalName, code, createdAt or updatedAt, e.g. createdAt,desc; default legalName (or best match with q)")
            @PageableDefault(size = 20) Pageable page) {
        CustomerSearch.requireSortable(page);
        String text = q == null || q.isBlank() ? null : q.strip();
        if (text != null && text.toUpperCase(java.util.Locale.ROOT).matches("^C-[0-9]{6,}$")) {
            code = text;
            text = null;
        } else if (text != null && UnifiedSocialCreditCode.isValid(text.toUpperCase(java.util.Locale.ROOT))) {
            uscc = text;
            text = null;
        }
        CustomerSearch search = new CustomerSearch(code, uscc, phone, tag, tier, stage, owner, department, province, city, district, status);
        CurrentUser user = CurrentUser.current();
        return PageResponse.of(text == null ? registry.list(user, search, page)
                : registry.search(user, text, search, page), CustomerView::of);
    }

    private static ResponseEntity<CustomerView> withETag(Customer customer) {
        return ResponseEntity.ok().eTag(Long.toString(customer.version())).body(CustomerView.of(customer));
    }

    @Schema(description = "The stage to move to, and why")
    record StageChange(@Schema(example = "ACTIVE", requiredMode = Schema.RequiredMode.REQUIRED) @NotNull LifecycleStage stage,
                       @Schema(example = "首单已签约 / first contract signed") @Size(max = 500) @Pattern(regexp = PRINTABLE, message = NO_CONTROL) String reason) {
    }

    @Schema(description = "Why")
    record Reason(@Schema(example = "公司已注销 / company dissolved") @Size(max = 500) @Pattern(regexp = PRINTABLE, message = NO_CONTROL) String reason) {
    }

    @Schema(description = "A customer")
    record CustomerView(UUID id, @Schema(example = "C-000123") String code, String legalName, String shortName, String uscc,
                        boolean foreignCompany, String industry, CompanySize size, String province, String city, String district,
                        String street, String website, @Schema(example = "+8657188886666") String phone, String email, UUID parentId,
                        LifecycleStage lifecycleStage, ValueTier valueTier, List<String> tags, SourceChannel sourceChannel,
                        boolean marketingConsent, Instant consentRecordedAt, ContactChannel preferredChannel, boolean doNotContact,
                        CustomerStatus status, String statusReason, @Schema(description = "For a MERGED customer: the survivor") UUID mergedInto,
                        Instant lastVerifiedAt, String verifiedBy, ContactChannel verifiedVia,
                        @Schema(description = "When the latest ERP order was placed (erp.order.placed.v1); null before the first",
                                example = "2026-11-02T08:15:30Z") Instant lastOrderAt,
                        String ownerId, String department, long version, Instant createdAt, String createdBy, Instant updatedAt,
                        String updatedBy) {

        static CustomerView of(Customer c) {
            return new CustomerView(c.id(), c.code(), c.legalName(), c.shortName(), c.uscc(), c.foreignCompany(), c.industry(),
                    c.size(), c.province(), c.city(), c.district(), c.street(), c.website(), c.phone(), c.email(), c.parentId(),
                    c.lifecycleStage(), c.valueTier(), c.tags(), c.sourceChannel(), c.marketingConsent(), c.consentRecordedAt(),
                    c.preferredChannel(), c.doNotContact(), c.status(), c.statusReason(), c.mergedInto(), c.lastVerifiedAt(),
                    c.verifiedBy(), c.verifiedVia(), c.lastOrderAt(), c.ownerId(),
                    c.department(), c.version(), c.createdAt(), c.createdBy(), c.updatedAt(), c.updatedBy());
        }
    }
}
