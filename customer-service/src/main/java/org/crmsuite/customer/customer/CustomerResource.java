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

@RestController
@RequestMapping("/api/v1/customers")
@Tag(name = "Customers", description = "Corporate customers, the master record every department shares")
class CustomerResource {

    /** No control characters in any text a person typed (they break exports, logs and other systems). */
    static final String PRINTABLE = "^[^\\p{Cntrl}]*$";
    static final String NO_CONTROL = "must not contain control characters";
    static final String IF_MATCH_DOC = "The ETag of the version you edited, e.g. \"3\". Missing: 428 version-required; stale: 412 stale-version.";

    private final CustomerRegistry registry;

    CustomerResource(CustomerRegistry registry) {
        this.registry = registry;
    }

    @PostMapping
    @Operation(summary = "Register a customer", description = "Standardises names, phone, email and website, checks the unified social "
            + "credit code and the requirements of the initial lifecycle stage, and records a crm.customer.created.v1 event.")
    @ApiResponse(responseCode = "201", description = "Registered; ETag carries the version")
    @ApiResponse(responseCode = "400", description = "validation-failed: the offending fields are listed under errors")
    @ApiResponse(responseCode = "409", description = "conflict: a customer with this USCC exists (conflict: same-uscc), or possible duplicates "
            + "were found (conflict: possible-duplicates); candidates lists id, code, name, score (0-100) and reasons. Send createAnyway: true "
            + "to register a different company with a similar name.")
    @ApiResponse(responseCode = "413", description = "payload-too-large")
    @ApiResponse(responseCode = "422", description = "business-rule-violated: the initial stage needs more fields")
    ResponseEntity<CustomerView> register(@Valid @RequestBody CustomerRequest request) {
        Customer customer = registry.register(CustomerDetails.standardise(request.details()), request.lifecycleStage(),
                request.ownerId(), request.department(), Boolean.TRUE.equals(request.createAnyway()), CurrentUser.current());
        return ResponseEntity.created(URI.create("/api/v1/customers/" + customer.id()))
                .eTag(Long.toString(customer.version())).body(CustomerView.of(customer));
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
                request.department(), CurrentUser.current()));
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

    @Schema(description = "A customer's facts, to register (POST) or to replace (PUT)")
    record CustomerRequest(
            @Schema(example = "杭州云栖科技有限公司", requiredMode = Schema.RequiredMode.REQUIRED) @NotBlank @Size(max = 200) @Pattern(regexp = PRINTABLE, message = NO_CONTROL) String legalName,
            @Schema(example = "云栖科技") @Size(max = 100) @Pattern(regexp = PRINTABLE, message = NO_CONTROL) String shortName,
            @Schema(example = "91330106MA27XY812F", description = "Unified social credit code, 18 characters (GB 32100-2015); optional for foreign companies") @Size(max = 18, message = "must have 18 characters") String uscc,
            @Schema(description = "Registered abroad, so it has no USCC", example = "false") Boolean foreignCompany,
            @Schema(example = "软件和信息技术服务业") @Size(max = 100) @Pattern(regexp = PRINTABLE, message = NO_CONTROL) String industry,
            @Schema(example = "MEDIUM") CompanySize size,
            @Schema(example = "浙江省") @Size(max = 50) @Pattern(regexp = PRINTABLE, message = NO_CONTROL) String province,
            @Schema(example = "杭州市") @Size(max = 50) @Pattern(regexp = PRINTABLE, message = NO_CONTROL) String city,
            @Schema(example = "西湖区") @Size(max = 50) @Pattern(regexp = PRINTABLE, message = NO_CONTROL) String district,
            @Schema(example = "文三路 90 号 5 楼") @Size(max = 200) @Pattern(regexp = PRINTABLE, message = NO_CONTROL) String street,
            @Schema(example = "https://www.yunqi.example.cn") @Size(max = 300) @Pattern(regexp = PRINTABLE, message = NO_CONTROL) String website,
            @Schema(example = "0571-88886666", description = "Switchboard; stored in E.164 (+8657188886666)") @Size(max = 30) String phone,
            @Schema(example = "info@yunqi.example.cn") @Size(max = 254) String email,
            @Schema(description = "Parent company in a group (no cycles)") UUID parentId,
            @Schema(description = "Set on registration only; change it later with PUT /{id}/lifecycle-stage", example = "PROSPECT") LifecycleStage lifecycleStage,
            @Schema(example = "KEY") ValueTier valueTier,
            @Schema(example = "[\"重点客户\", \"SaaS\"]") @Size(max = CustomerDetails.MAX_TAGS) List<@Size(min = 1, max = 50) @Pattern(regexp = PRINTABLE, message = NO_CONTROL) String> tags,
            @Schema(example = "SALES_VISIT") SourceChannel sourceChannel,
            @Schema(description = "Agreed to receive marketing", example = "true") Boolean marketingConsent,
            @Schema(example = "EMAIL") ContactChannel preferredChannel,
            @Schema(description = "Do not call, mail or visit", example = "false") Boolean doNotContact,
            @Schema(description = "Owner's user id; defaults to the caller on registration, kept when left out on PUT", example = "rep") @Size(max = 100) @Pattern(regexp = PRINTABLE, message = NO_CONTROL) String ownerId,
            @Schema(description = "Owning department (group path); defaults to the caller's", example = "/sales/east") @Size(max = 200) @Pattern(regexp = "^(/[^/\\p{Cntrl}]+)+$", message = "must be a group path such as /sales/east") String department,
            @Schema(description = "Registration only: register even though possible duplicates exist (never with an existing USCC)", example = "false") Boolean createAnyway) {

        CustomerDetails details() {
            return new CustomerDetails(legalName, shortName, uscc, Boolean.TRUE.equals(foreignCompany), industry, size, province,
                    city, district, street, website, phone, email, parentId, valueTier, tags, sourceChannel,
                    Boolean.TRUE.equals(marketingConsent), preferredChannel, Boolean.TRUE.equals(doNotContact));
        }
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
                        String ownerId, String department, long version, Instant createdAt, String createdBy, Instant updatedAt,
                        String updatedBy) {

        static CustomerView of(Customer c) {
            return new CustomerView(c.id(), c.code(), c.legalName(), c.shortName(), c.uscc(), c.foreignCompany(), c.industry(),
                    c.size(), c.province(), c.city(), c.district(), c.street(), c.website(), c.phone(), c.email(), c.parentId(),
                    c.lifecycleStage(), c.valueTier(), c.tags(), c.sourceChannel(), c.marketingConsent(), c.consentRecordedAt(),
                    c.preferredChannel(), c.doNotContact(), c.status(), c.statusReason(), c.mergedInto(), c.lastVerifiedAt(),
                    c.verifiedBy(), c.verifiedVia(), c.ownerId(),
                    c.department(), c.version(), c.createdAt(), c.createdBy(), c.updatedAt(), c.updatedBy());
        }
    }
}
