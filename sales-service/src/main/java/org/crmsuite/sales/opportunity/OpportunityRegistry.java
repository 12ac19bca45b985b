package org.crmsuite.sales.opportunity;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.crmsuite.platform.web.IfMatch;
import org.crmsuite.platform.outbox.Outbox;
import org.crmsuite.platform.security.CurrentUser;
import org.crmsuite.platform.security.RecordAccess;
import org.crmsuite.platform.security.Roles;
import org.crmsuite.platform.web.CrmProblemException;
import org.crmsuite.platform.web.FieldViolation;
import org.crmsuite.sales.events.OpportunityCreated;
import org.crmsuite.sales.events.OpportunityLost;
import org.crmsuite.sales.events.OpportunityStageChanged;
import org.crmsuite.sales.events.OpportunityWon;
import org.crmsuite.sales.events.WonLineItem;
import org.crmsuite.sales.money.Money;
import org.crmsuite.sales.pipeline.Pipeline;
import org.crmsuite.sales.pipeline.PipelineStage;
import org.crmsuite.sales.pipeline.Pipelines;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Opens and moves deals, and records what happened in the outbox in the same transaction. */
@Service
public class OpportunityRegistry {

    /** Reps see their own and their team's deals, managers their department's; crm-admin sees all. */
    static final RecordAccess ACCESS = RecordAccess.seeingAll();

    private final OpportunityRepository opportunities;
    private final Pipelines pipelines;
    private final Outbox outbox;
    private final Clock clock;
    private final org.springframework.jdbc.core.simple.JdbcClient history;
    private final org.springframework.context.ApplicationEventPublisher opened;

    OpportunityRegistry(OpportunityRepository opportunities, Pipelines pipelines, Outbox outbox, Clock clock,
            org.springframework.jdbc.core.simple.JdbcClient history, org.springframework.context.ApplicationEventPublisher opened) {
        this.history = history;
        this.opened = opened;
        this.opportunities = opportunities;
        this.pipelines = pipelines;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** What a client asks for when opening a deal, before any check. */
    public record NewOpportunity(String name, UUID customerId, BigDecimal amount, String currency, UUID pipelineId, String stage,
            LocalDate expectedCloseDate, List<NewLineItem> lineItems, List<String> competitors, UUID campaignId) {
    }

    public record NewLineItem(String product, BigDecimal quantity, BigDecimal unitPrice, String currency) {
    }

    /** A request that passed every check, ready to open. */
    private record Prepared(String currency, List<LineItem> items, Pipeline pipeline, PipelineStage stage, Money amount, List<String> competitors) {
    }

    /** Runs every check of {@link #open} without opening anything: 400 naming each bad field. */
    @Transactional(readOnly = true)
    public void check(NewOpportunity request) {
        prepare(request);
    }

    @Transactional
    public Opportunity open(NewOpportunity request, CurrentUser user) {
        requireSeller(user);
        Prepared p = prepare(request);
        Opportunity opportunity = Opportunity.open(request.name().strip(), request.customerId(), p.amount(), p.currency(), p.pipeline(), p.stage(),
                request.expectedCloseDate(), p.items(), p.competitors(), request.campaignId(), user.id(), user.primaryDepartment(), Instant.now(clock));
        opportunity = opportunities.saveAndFlush(opportunity);
        opened.publishEvent(new OpportunityOpened(opportunity.id()));
        outbox.record(new OpportunityCreated(opportunity.id(), opportunity.name(), opportunity.customerId(), text(opportunity.amount()),
                opportunity.currency(), opportunity.stage(), opportunity.probability(), opportunity.expectedCloseDate(), opportunity.campaignId(),
                opportunity.owner(), opportunity.department(), opportunity.version(), user.id(), opportunity.createdAt()));
        return opportunity;
    }

    private Prepared prepare(NewOpportunity request) {
        List<FieldViolation> violations = new ArrayList<>();
        String currency = Money.currencyOrDefault(request.currency(), "currency", violations);
        Money.checkAmount(request.amount(), "amount", violations);
        List<LineItem> items = new ArrayList<>();
        List<NewLineItem> lines = request.lineItems() == null ? List.of() : request.lineItems();
        for (int i = 0; i < lines.size(); i++) {
            NewLineItem line = lines.get(i);
            String prefix = "lineItems[" + i + "].";
            int before = violations.size();
            Money.checkAmount(line.unitPrice(), prefix + "unitPrice", violations);
            String lineCurrency = Money.currencyOrDefault(line.currency() == null ? currency : line.currency(), prefix + "currency", violations);
            if (currency != null && lineCurrency != null && !lineCurrency.equals(currency)) {
                violations.add(new FieldViolation(prefix + "currency", "must match the opportunity's currency " + currency));
            }
            if (violations.size() == before) {
                items.add(new LineItem(line.product().strip(), line.quantity(), line.unitPrice()));
            }
        }
        LocalDate today = LocalDate.now(clock);
        if (request.expectedCloseDate() != null && request.expectedCloseDate().isBefore(today)) {
            violations.add(new FieldViolation("expectedCloseDate", "must not be in the past for an open deal (today is " + today + ")"));
        }
        Pipeline pipeline = pipelines.get(request.pipelineId());
        PipelineStage stage = request.stage() == null ? pipeline.firstStage() : pipeline.stage(request.stage()).orElse(null);
        if (stage == null) {
            violations.add(new FieldViolation("stage", "unknown stage " + request.stage() + " of pipeline " + pipeline.name()));
        }
        if (!violations.isEmpty()) {
            throw CrmProblemException.invalid(violations);
        }
        Money amount = request.amount() != null ? new Money(request.amount(), currency)
                : items.isEmpty() ? null : items.stream().map(item -> new Money(item.total(), currency)).reduce(Money.zero(currency), Money::plus);
        List<String> competitors = request.competitors() == null ? List.of()
                : request.competitors().stream().map(String::strip).filter(name -> !name.isEmpty()).distinct().toList();
        return new Prepared(currency, items, pipeline, stage, amount, competitors);
    }

    /** The new facts of a deal (name, amount, currency, close date, line items, competitors), replacing the old ones. */
    public record Revision(String name, BigDecimal amount, String currency, LocalDate expectedCloseDate, List<NewLineItem> lineItems,
                           List<String> competitors) {
    }

    /**
     * Replaces an open deal's facts with the same checks as opening it (400 naming bad fields), keeps the current
     * stage's rules (422), and records every changed field in the history with who and when.
     */
    @Transactional
    public Opportunity revise(UUID id, Revision revision, long expectedVersion, CurrentUser user) {
        requireSeller(user);
        Opportunity opportunity = visible(id, user);
        IfMatch.require("opportunity", id, expectedVersion, opportunity.version());
        Prepared p = prepare(new NewOpportunity(revision.name(), opportunity.customerId(), revision.amount(), revision.currency(),
                opportunity.pipelineId(), opportunity.stage(), revision.expectedCloseDate(), revision.lineItems(), revision.competitors(),
                opportunity.campaignId()));
        List<String[]> changes = opportunity.revise(revision.name().strip(), p.amount(), p.currency(), revision.expectedCloseDate(), p.items(),
                p.competitors(), p.pipeline());
        if (changes.isEmpty()) {
            return opportunity;
        }
        Opportunity saved = opportunities.saveAndFlush(opportunity);
        Instant now = Instant.now(clock);
        for (String[] change : changes) {
            history.sql("""
                            INSERT INTO opportunity_change (opportunity_id, version, field, from_value, to_value, changed_by, changed_at)
                            VALUES (:id, :version, :field, :from, :to, :by, :at)""")
                    .param("id", id).param("version", saved.version()).param("field", change[0]).param("from", change[1])
                    .param("to", change[2]).param("by", user.id()).param("at", java.sql.Timestamp.from(now)).update();
        }
        return saved;
    }

    /** The field-level history of a deal's facts, oldest first. */
    @Transactional(readOnly = true)
    public List<FieldChange> history(UUID id, CurrentUser user) {
        visible(id, user);
        return history.sql("SELECT field, from_value, to_value, version, changed_by, changed_at FROM opportunity_change WHERE opportunity_id = :id ORDER BY id")
                .param("id", id)
                .query((rs, n) -> new FieldChange(rs.getString("field"), rs.getString("from_value"), rs.getString("to_value"), rs.getLong("version"),
                        rs.getString("changed_by"), rs.getTimestamp("changed_at").toInstant()))
                .list();
    }

    @Transactional
    public Opportunity moveTo(UUID id, String stageCode, String reason, long expectedVersion, CurrentUser user) {
        requireSeller(user);
        Opportunity opportunity = visible(id, user);
        IfMatch.require("opportunity", id, expectedVersion, opportunity.version());
        Pipeline pipeline = pipelines.get(opportunity.pipelineId());
        PipelineStage target = pipeline.stage(stageCode)
                .orElseThrow(() -> CrmProblemException.invalid("stage", "unknown stage " + stageCode + " of pipeline " + pipeline.name()));
        LocalDate today = LocalDate.now(clock);
        if (target.outcome() == org.crmsuite.sales.pipeline.StageOutcome.OPEN && opportunity.expectedCloseDate() != null
                && opportunity.expectedCloseDate().isBefore(today)) {
            throw CrmProblemException.ruleViolated("the expected close date " + opportunity.expectedCloseDate() + " has passed; set a new one first",
                    List.of(new FieldViolation("expectedCloseDate", "must not be in the past for an open deal")));
        }
        Instant now = Instant.now(clock);
        String from = opportunity.moveTo(pipeline, target, reason, user.id(), now);
        Opportunity saved = opportunities.saveAndFlush(opportunity);
        recordMove(saved, from, user, now);
        return saved;
    }

    private void recordMove(Opportunity opportunity, String from, CurrentUser user, Instant now) {
        UUID id = opportunity.id();
        outbox.record(new OpportunityStageChanged(id, opportunity.customerId(), from, opportunity.stage(), opportunity.probability(),
                text(opportunity.amount()), opportunity.currency(), opportunity.expectedCloseDate(), opportunity.owner(), opportunity.department(),
                opportunity.version(), user.id(), now));
        switch (opportunity.status()) {
            case WON -> outbox.record(new OpportunityWon(id, opportunity.name(), opportunity.customerId(),
                    opportunity.amount() == null ? "0.00" : opportunity.amount().text(), opportunity.currency(),
                    opportunity.lineItems().stream().map(item -> new WonLineItem(item.product(), item.quantity().toPlainString(),
                            item.unitPrice().toPlainString(), item.total().toPlainString(), opportunity.currency())).toList(),
                    opportunity.campaignId(), opportunity.owner(), opportunity.department(), opportunity.closeReason(), opportunity.version(), user.id(), now));
            case LOST -> outbox.record(new OpportunityLost(id, opportunity.customerId(), from, text(opportunity.amount()), opportunity.currency(),
                    opportunity.closeReason(), opportunity.competitors(), opportunity.owner(), opportunity.department(), opportunity.version(), user.id(), now));
            case OPEN -> { }
        }
    }

    @Transactional(readOnly = true)
    public Opportunity get(UUID id, CurrentUser user) {
        return visible(id, user);
    }

    @Transactional(readOnly = true)
    public Page<Opportunity> list(CurrentUser user, Pageable pageable) {
        return ACCESS.seesAll(user) ? opportunities.findAll(pageable)
                : opportunities.findAll(OpportunityRepository.visibleTo(user), pageable);
    }

    /**
     * The deals the user may see that matter to a forecast of {@code first}..{@code last}: open ones expected to close
     * then, and won ones closed then (judged in {@code zone}).
     */
    @Transactional(readOnly = true)
    public List<Opportunity> visibleInPeriod(CurrentUser user, LocalDate first, LocalDate last, java.time.ZoneId zone) {
        Instant start = first.atStartOfDay(zone).toInstant();
        Instant end = last.plusDays(1).atStartOfDay(zone).toInstant();
        org.springframework.data.jpa.domain.Specification<Opportunity> inPeriod = (root, query, cb) -> cb.or(
                cb.and(cb.equal(root.get("status"), OpportunityStatus.OPEN), cb.between(root.get("expectedCloseDate"), first, last)),
                cb.and(cb.equal(root.get("status"), OpportunityStatus.WON), cb.greaterThanOrEqualTo(root.get("closedAt"), start),
                        cb.lessThan(root.get("closedAt"), end)));
        return opportunities.findAll(ACCESS.seesAll(user) ? inPeriod : inPeriod.and(OpportunityRepository.visibleTo(user)));
    }

    private Opportunity visible(UUID id, CurrentUser user) {
        Opportunity opportunity = opportunities.findById(id).orElseThrow(() -> CrmProblemException.notFound("opportunity", id));
        ACCESS.requireSee(user, opportunity.owner(), opportunity.department());
        return opportunity;
    }

    private static void requireSeller(CurrentUser user) {
        if (!user.hasAnyRole(Roles.SALES_REP, Roles.SALES_MANAGER, Roles.CRM_ADMIN)) {
            throw new AccessDeniedException(user.id() + " may not work on opportunities");
        }
    }

    private static String text(Money money) {
        return money == null ? null : money.text();
    }
}
