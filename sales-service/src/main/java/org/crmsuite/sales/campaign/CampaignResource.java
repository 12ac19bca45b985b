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
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/sales/campaigns")
@Tag(name = "Campaigns", description = "Marketing campaigns, the revenue won opportunities attribute to them, and their ROI")
class CampaignResource {

    static final String PRINTABLE = "^[^\\p{Cntrl}]*$";

    private final CampaignRepository campaigns;
    private final JdbcClient db;

    CampaignResource(CampaignRepository campaigns, JdbcClient db) {
        this.campaigns = campaigns;
        this.db = db;
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
                roi, campaign.version());
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
            List<AmountView> attributedRevenueInOtherCurrencies, BigDecimal roi, long version) {
    }
}
