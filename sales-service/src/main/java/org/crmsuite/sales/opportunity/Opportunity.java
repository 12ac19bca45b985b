package org.crmsuite.sales.opportunity;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;

import org.crmsuite.platform.persistence.AuditedEntity;
import org.crmsuite.platform.web.CrmProblemException;
import org.crmsuite.platform.web.FieldViolation;
import org.crmsuite.sales.money.Money;
import org.crmsuite.sales.pipeline.Pipeline;
import org.crmsuite.sales.pipeline.PipelineStage;
import org.crmsuite.sales.pipeline.StageOutcome;

/**
 * A deal with one customer, moving through a pipeline's stages. Every stage move is kept with who and when; a move
 * that breaks the target stage's rules is refused naming the missing fields.
 */
@Entity
@Table(name = "opportunity")
public class Opportunity extends AuditedEntity {

    @Id
    private UUID id;
    private String name;
    private UUID customerId;
    private BigDecimal amount;
    private String currency;
    private UUID pipelineId;
    private String stage;
    private int probability;
    private LocalDate expectedCloseDate;
    @Enumerated(EnumType.STRING)
    private OpportunityStatus status;
    private String closeReason;
    private Instant closedAt;
    private UUID campaignId;
    /** INVOICED, OVERDUE or PAID, from finance's invoice events; written only by the invoice ledger. */
    @Column(insertable = false, updatable = false)
    private String invoiceStatus;
    @Column(name = "owner_id")
    private String owner;
    private String department;
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "opportunity_line_item", joinColumns = @JoinColumn(name = "opportunity_id"))
    @OrderColumn(name = "position")
    private List<LineItem> lineItems = new ArrayList<>();
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "opportunity_competitor", joinColumns = @JoinColumn(name = "opportunity_id"))
    @OrderColumn(name = "position")
    @Column(name = "name")
    private List<String> competitors = new ArrayList<>();
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "opportunity_stage_change", joinColumns = @JoinColumn(name = "opportunity_id"))
    @OrderColumn(name = "position")
    private List<StageChange> stageHistory = new ArrayList<>();

    protected Opportunity() {
    }

    /** Opens a deal at {@code stage}, refusing it when the stage's rules are not met. */
    public static Opportunity open(String name, UUID customerId, Money amount, String currency, Pipeline pipeline, PipelineStage stage,
            LocalDate expectedCloseDate, List<LineItem> lineItems, List<String> competitors, UUID campaignId,
            String owner, String department, Instant now) {
        if (stage.outcome() != StageOutcome.OPEN) {
            throw CrmProblemException.invalid("stage", "a new opportunity starts in an open stage, not " + stage.code());
        }
        Opportunity opportunity = new Opportunity();
        opportunity.id = UUID.randomUUID();
        opportunity.name = name;
        opportunity.customerId = customerId;
        opportunity.amount = amount == null ? null : amount.amount();
        opportunity.currency = currency;
        opportunity.pipelineId = pipeline.id();
        opportunity.expectedCloseDate = expectedCloseDate;
        opportunity.lineItems.addAll(lineItems);
        opportunity.competitors.addAll(competitors);
        opportunity.campaignId = campaignId;
        opportunity.owner = owner;
        opportunity.department = department;
        opportunity.status = OpportunityStatus.OPEN;
        opportunity.requireRulesOf(pipeline, stage);
        opportunity.stage = stage.code();
        opportunity.probability = stage.probability();
        opportunity.stageHistory.add(new StageChange(null, stage.code(), stage.probability(), owner, now));
        return opportunity;
    }

    /**
     * Moves the deal to {@code target}: won and lost close it (lost needs a reason). Answers the stage it left.
     */
    public String moveTo(Pipeline pipeline, PipelineStage target, String reason, String by, Instant now) {
        if (status != OpportunityStatus.OPEN) {
            throw CrmProblemException.ruleViolated("opportunity " + id + " is " + status.name().toLowerCase() + "; a closed deal does not move",
                    List.of(new FieldViolation("stage", "the deal is closed")));
        }
        if (target.code().equals(stage)) {
            throw CrmProblemException.invalid("stage", "the deal is already in " + stage);
        }
        if (target.outcome() == StageOutcome.LOST && (reason == null || reason.isBlank())) {
            throw CrmProblemException.invalid("reason", "required when a deal is lost");
        }
        requireRulesOf(pipeline, target);
        String from = stage;
        stage = target.code();
        probability = target.probability();
        stageHistory.add(new StageChange(from, target.code(), target.probability(), by, now));
        if (target.outcome() != StageOutcome.OPEN) {
            status = target.outcome() == StageOutcome.WON ? OpportunityStatus.WON : OpportunityStatus.LOST;
            closeReason = reason == null || reason.isBlank() ? null : reason.strip();
            closedAt = now;
        }
        return from;
    }

    /**
     * Replaces the deal's facts; only an open deal changes, and its current stage's rules must still hold (a deal in
     * proposal keeps an amount). Answers the changed fields as {field, from, to}.
     */
    public List<String[]> revise(String name, Money amount, String currency, LocalDate expectedCloseDate, List<LineItem> items,
            List<String> competitors, Pipeline pipeline) {
        if (status != OpportunityStatus.OPEN) {
            throw CrmProblemException.ruleViolated("opportunity " + id + " is " + status.name().toLowerCase() + "; a closed deal is not edited",
                    List.of(new FieldViolation("status", "the deal is closed")));
        }
        List<String[]> changes = new ArrayList<>();
        change(changes, "name", this.name, name);
        change(changes, "amount", this.amount == null ? null : amount().text(), amount == null ? null : amount.text());
        change(changes, "currency", this.currency, currency);
        change(changes, "expectedCloseDate", text(this.expectedCloseDate), text(expectedCloseDate));
        change(changes, "lineItems", describe(this.lineItems), describe(items));
        change(changes, "competitors", String.join(", ", this.competitors), String.join(", ", competitors));
        this.name = name;
        this.amount = amount == null ? null : amount.amount();
        this.currency = currency;
        this.expectedCloseDate = expectedCloseDate;
        this.lineItems.clear();
        this.lineItems.addAll(items);
        this.competitors.clear();
        this.competitors.addAll(competitors);
        requireRulesOf(pipeline, pipeline.stage(stage).orElseThrow());
        return changes;
    }

    private static void change(List<String[]> changes, String field, String from, String to) {
        if (!java.util.Objects.equals(from, to)) {
            changes.add(new String[] {field, from, to});
        }
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    private static String describe(List<LineItem> items) {
        return items.stream().map(i -> i.product() + " × " + i.quantity().toPlainString() + " @ " + i.unitPrice().toPlainString())
                .collect(java.util.stream.Collectors.joining("; "));
    }

    private void requireRulesOf(Pipeline pipeline, PipelineStage target) {
        Set<String> filled = new HashSet<>();
        if (amount != null && amount.signum() > 0) {
            filled.add("amount");
        }
        if (expectedCloseDate != null) {
            filled.add("expectedCloseDate");
        }
        if (!lineItems.isEmpty()) {
            filled.add("lineItems");
        }
        List<String> missing = pipeline.missingToEnter(target, filled);
        if (!missing.isEmpty()) {
            throw CrmProblemException.ruleViolated("stage " + target.code() + " needs " + String.join(", ", missing),
                    missing.stream().map(field -> new FieldViolation(field, "required to enter stage " + target.code())).toList());
        }
    }

    public UUID id() { return id; }
    public String name() { return name; }
    public UUID customerId() { return customerId; }
    public Money amount() { return amount == null ? null : new Money(amount, currency); }
    public String currency() { return currency; }
    public UUID pipelineId() { return pipelineId; }
    public String stage() { return stage; }
    public int probability() { return probability; }
    public LocalDate expectedCloseDate() { return expectedCloseDate; }
    public OpportunityStatus status() { return status; }
    public String closeReason() { return closeReason; }
    public Instant closedAt() { return closedAt; }
    public UUID campaignId() { return campaignId; }
    public String invoiceStatus() { return invoiceStatus; }
    public String owner() { return owner; }
    public String department() { return department; }
    public List<LineItem> lineItems() { return List.copyOf(lineItems); }
    public List<String> competitors() { return List.copyOf(competitors); }
    public List<StageChange> stageHistory() { return List.copyOf(stageHistory); }
}
