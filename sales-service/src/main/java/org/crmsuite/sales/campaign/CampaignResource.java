package org.crmsuite.sales.campaign;

import java.math.BigDecimal;
import java.net.URI;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.crmsuite.platform.security.CurrentUser;
import org.crmsuite.platform.security.Roles;
import org.crmsuite.platform.web.CrmProblemException;
import org.crmsuite.platform.web.FieldViolation;
import org.crmsuite.sales.money.Money;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.crmsuite.platform.web.IfMatch;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/sales/campaigns")
@Tag(name = "Campaigns", description = "Marketing campaigns, the revenue won opportunities attribute to them, and their ROI")
class CampaignResource {

    static final String PRINTABLE = "^[^\\p{Cntrl}]*$";

    private final CampaignRepository campaigns;
    private final JdbcClient db;
    private final CampaignDesk desk;

    CampaignResource(CampaignRepository campaigns, JdbcClient db, CampaignDesk desk) {
        this.campaigns = campaigns;
        this.db = db;
        this.desk = desk;
    }

    @GetMapping
    @Operation(summary = "Campaigns for marketing, newest start first", description = "Marketing and crm-admin see all; others their own and "
            + "their department's. Each with attributed revenue and ROI; size at most 100.")
    org.crmsuite.platform.web.PageResponse<CampaignView> list(@RequestParam(required = false) CampaignStatus status,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        var request = org.springframework.data.domain.PageRequest.of(Math.max(page, 0), Math.clamp(size, 1, 100),
                org.springframework.data.domain.Sort.by(org.springframework.data.domain.Sort.Direction.DESC, "startsOn", "id"));
        return org.crmsuite.platform.web.PageResponse.of(desk.list(CurrentUser.current(), status, request), this::view);
    }

    @PostMapping("/{id}/launch")
    @Operation(summary = "Launch a planned campaign", description = "PLANNED → ACTIVE; records crm.campaign.launched.v1. Needs If-Match.")
    @ApiResponse(responseCode = "422", description = "business-rule-violated: not PLANNED")
    ResponseEntity<CampaignView> launch(@PathVariable UUID id, @RequestHeader(value = IfMatch.HEADER, required = false) String ifMatch) {
        return withETag(desk.launch(id, IfMatch.version(ifMatch), CurrentUser.current()));
    }

    @PostMapping("/{id}/completion")
    @Operation(summary = "Complete an active campaign", description = "ACTIVE → COMPLETED, optionally with the final actual cost; records "
            + "crm.campaign.completed.v1 with the member and response counts. Needs If-Match.")
    @ApiResponse(responseCode = "422", description = "business-rule-violated: not ACTIVE")
    ResponseEntity<CampaignView> complete(@PathVariable UUID id, @Valid @RequestBody(required = false) CostRequest request,
            @RequestHeader(value = IfMatch.HEADER, required = false) String ifMatch) {
        return withETag(desk.complete(id, request == null ? null : request.actualCost(), IfMatch.version(ifMatch), CurrentUser.current()));
    }

    @PutMapping("/{id}/actual-cost")
    @Operation(summary = "Record what the campaign has actually cost so far", description = "In the campaign's currency; ROI follows. Needs If-Match.")
    @ApiResponse(responseCode = "400", description = "validation-failed: negative, more than two decimals, missing")
    ResponseEntity<CampaignView> changeActualCost(@PathVariable UUID id, @Valid @RequestBody CostRequest request,
            @RequestHeader(value = IfMatch.HEADER, required = false) String ifMatch) {
        return withETag(desk.changeActualCost(id, request.actualCost(), IfMatch.version(ifMatch), CurrentUser.current()));
    }

    @PostMapping("/{id}/members")
    @Operation(summary = "Target a lead or a customer", description = "One of leadId or customerId. 409 when already a member.")
    @ApiResponse(responseCode = "201", description = "Added")
    @ApiResponse(responseCode = "409", description = "conflict: already a member")
    ResponseEntity<CampaignDesk.Member> addMember(@PathVariable UUID id, @Valid @RequestBody MemberRequest request) {
        CampaignDesk.Member member = desk.addMember(id, request.leadId(), request.customerId(), CurrentUser.current());
        return ResponseEntity.created(URI.create("/api/v1/sales/campaigns/" + id + "/members/" + member.id())).body(member);
    }

    @GetMapping("/{id}/members")
    @Operation(summary = "The campaign's members with their number of responses")
    List<CampaignDesk.Member> members(@PathVariable UUID id) {
        return desk.members(id, CurrentUser.current());
    }

    @PostMapping("/{id}/responses")
    @Operation(summary = "Record a member's response", description = "Once the campaign is launched (ACTIVE or COMPLETED).")
    @ApiResponse(responseCode = "201", description = "Recorded")
    @ApiResponse(responseCode = "422", description = "business-rule-violated: the campaign is not launched")
    ResponseEntity<java.util.Map<String, UUID>> respond(@PathVariable UUID id, @Valid @RequestBody ResponseRequest request) {
        UUID responseId = desk.recordResponse(id, request.memberId(), request.kind(), request.note(), CurrentUser.current());
        return ResponseEntity.status(201).body(java.util.Map.of("id", responseId));
    }

    record CostRequest(@Schema(example = "42000.00") BigDecimal actualCost) {
    }

    record MemberRequest(UUID leadId, UUID customerId) {
    }

    record ResponseRequest(@NotNull UUID memberId, @NotNull @Schema(example = "REGISTERED") ResponseKind kind,
                           @Size(max = 500) @Pattern(regexp = PRINTABLE) String note) {
    }

    private ResponseEntity<CampaignView> withETag(Campaign campaign) {
        return ResponseEntity.ok().eTag(Long.toString(campaign.version())).body(view(campaign));
    }

    @PostMapping
    @Transactional
    @Operation(summary = "Plan a campaign", description = "marketing, sales-manager or crm-admin. Budget and actual cost share one currency (default CNY).")
    ResponseEntity<CampaignView> plan(@Valid @RequestBody CampaignRequest request) {
        CurrentUser user = CurrentUser.current();
        if (!user.hasAnyRole(Roles.MARKETING, Roles.SALES_MANAGER, Roles.CRM_ADMIN)) {
            throw new AccessDeniedException(user.id() + " may not plan campaigns");
        }
        List<FieldViolation> violations = new ArrayList<>();
        String currency = Money.currencyOrDefault(request.currency(), "currency", violations);
        Money.checkAmount(request.budget(), "budget", violations);
        Money.checkAmount(request.actualCost(), "actualCost", violations);
        if (request.endsOn().isBefore(request.startsOn())) {
            violations.add(new FieldViolation("endsOn", "must not be before startsOn"));
        }
        if (!violations.isEmpty()) {
            throw CrmProblemException.invalid(violations);
        }
        Campaign campaign = campaigns.saveAndFlush(new Campaign(request.name().strip(), request.type(), request.channel().strip(),
                request.targetSegment(), new Money(request.budget(), currency),
                new Money(request.actualCost() == null ? BigDecimal.ZERO : request.actualCost(), currency),
                request.startsOn(), request.endsOn(), user.id(), user.primaryDepartment()));
        return ResponseEntity.created(URI.create("/api/v1/sales/campaigns/" + campaign.id())).eTag(Long.toString(campaign.version()))
                .body(view(campaign));
    }

    @GetMapping("/{id}")
    @Transactional(readOnly = true)
    @Operation(summary = "One campaign with attributed revenue and ROI", description = "Attributed revenue = Σ amount of the won opportunities "
            + "that carry this campaignId, per currency; ROI = (revenue − actual cost) / cost in the campaign's currency (null when nothing was spent). "
            + "Revenue in other currencies is listed, never converted.")
    ResponseEntity<CampaignView> get(@PathVariable UUID id) {
        Campaign campaign = campaigns.findById(id).orElseThrow(() -> CrmProblemException.notFound("campaign", id));
        return ResponseEntity.ok().eTag(Long.toString(campaign.version())).body(view(campaign));
    }

    private CampaignView view(Campaign campaign) {
        List<Money> revenue = db.sql("""
                        SELECT currency, sum(amount) AS revenue FROM opportunity
                        WHERE campaign_id = :id AND status = 'WON' AND amount IS NOT NULL GROUP BY currency ORDER BY currency""")
                .param("id", campaign.id())
                .query((rs, n) -> new Money(rs.getBigDecimal("revenue"), rs.getString("currency"))).list();
        Money inCampaignCurrency = revenue.stream().filter(m -> m.currency().equals(campaign.currency())).findFirst()
                .orElse(Money.zero(campaign.currency()));
        BigDecimal roi = CampaignReturn.roi(inCampaignCurrency, campaign.actualCost());
        return new CampaignView(campaign.id(), campaign.name(), campaign.type(), campaign.channel(), campaign.targetSegment(),
                campaign.budget().text(), campaign.actualCost().text(), campaign.currency(), campaign.startsOn(), campaign.endsOn(),
                campaign.owner(), campaign.department(), inCampaignCurrency.text(),
                revenue.stream().filter(m -> !m.currency().equals(campaign.currency())).map(m -> new AmountView(m.text(), m.currency())).toList(),
                roi, campaign.status(), desk.count("SELECT count(*) FROM campaign_member WHERE campaign_id = :id", campaign.id()),
                desk.count("SELECT count(DISTINCT member_id) FROM campaign_response WHERE campaign_id = :id", campaign.id()), campaign.version());
    }

    record CampaignRequest(
            @NotBlank @Size(max = 200) @Pattern(regexp = PRINTABLE) String name,
            @NotNull CampaignType type,
            @NotBlank @Size(max = 100) @Pattern(regexp = PRINTABLE) @Schema(example = "WeChat") String channel,
            @Size(max = 200) @Pattern(regexp = PRINTABLE) String targetSegment,
            @NotNull @Schema(example = "50000.00") BigDecimal budget,
            @Schema(description = "Default 0") BigDecimal actualCost,
            @Schema(description = "ISO 4217, default CNY") String currency,
            @NotNull LocalDate startsOn,
            @NotNull LocalDate endsOn) {
    }

    record AmountView(String amount, String currency) {
    }

    record CampaignView(UUID id, String name, CampaignType type, String channel, String targetSegment, String budget, String actualCost,
            String currency, LocalDate startsOn, LocalDate endsOn, String ownerId, String department, String attributedRevenue,
            List<AmountView> attributedRevenueInOtherCurrencies, BigDecimal roi, CampaignStatus status, int memberCount, int respondedMembers,
            long version) {
    }
}
