package org.crmsuite.sales.campaign;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.crmsuite.platform.persistence.AuditedEntity;
import org.crmsuite.sales.money.Money;

/** A marketing campaign: type, channel, budget and actual cost (one currency), period and target segment. */
@Entity
@Table(name = "campaign")
public class Campaign extends AuditedEntity {

    @Id
    private UUID id;
    private String name;
    @Enumerated(EnumType.STRING)
    private CampaignType type;
    private String channel;
    private String targetSegment;
    private BigDecimal budget;
    private BigDecimal actualCost;
    private String currency;
    private LocalDate startsOn;
    private LocalDate endsOn;
    @Column(name = "owner_id")
    private String owner;
    private String department;
    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    private CampaignStatus status;
    private java.time.Instant launchedAt;
    private java.time.Instant completedAt;

    protected Campaign() {
    }

    public Campaign(String name, CampaignType type, String channel, String targetSegment, Money budget, Money actualCost,
            LocalDate startsOn, LocalDate endsOn, String owner, String department) {
        this.id = UUID.randomUUID();
        this.name = name;
        this.type = type;
        this.channel = channel;
        this.targetSegment = targetSegment;
        this.budget = budget.amount();
        this.actualCost = actualCost.amount();
        this.currency = budget.currency();
        this.startsOn = startsOn;
        this.endsOn = endsOn;
        this.owner = owner;
        this.department = department;
        this.status = CampaignStatus.PLANNED;
    }

    /** PLANNED → ACTIVE. */
    public void launch(java.time.Instant now) {
        if (status != CampaignStatus.PLANNED) {
            throw org.crmsuite.platform.web.CrmProblemException.ruleViolated("campaign " + id + " is " + status + "; only a PLANNED one is launched",
                    java.util.List.of(new org.crmsuite.platform.web.FieldViolation("status", "must be PLANNED, is " + status)));
        }
        status = CampaignStatus.ACTIVE;
        launchedAt = now;
    }

    /** ACTIVE → COMPLETED, with the final actual cost when given. */
    public void complete(Money finalCost, java.time.Instant now) {
        if (status != CampaignStatus.ACTIVE) {
            throw org.crmsuite.platform.web.CrmProblemException.ruleViolated("campaign " + id + " is " + status + "; only an ACTIVE one is completed",
                    java.util.List.of(new org.crmsuite.platform.web.FieldViolation("status", "must be ACTIVE, is " + status)));
        }
        if (finalCost != null) {
            changeActualCost(finalCost);
        }
        status = CampaignStatus.COMPLETED;
        completedAt = now;
    }

    /** The money actually spent so far, in the campaign's currency. */
    public void changeActualCost(Money cost) {
        if (!cost.currency().equals(currency)) {
            throw org.crmsuite.platform.web.CrmProblemException.invalid("currency", "must be the campaign's currency " + currency);
        }
        this.actualCost = cost.amount();
    }

    public CampaignStatus status() { return status; }
    public java.time.Instant launchedAt() { return launchedAt; }
    public java.time.Instant completedAt() { return completedAt; }

    public UUID id() { return id; }
    public String name() { return name; }
    public CampaignType type() { return type; }
    public String channel() { return channel; }
    public String targetSegment() { return targetSegment; }
    public Money budget() { return new Money(budget, currency); }
    public Money actualCost() { return new Money(actualCost, currency); }
    public String currency() { return currency; }
    public LocalDate startsOn() { return startsOn; }
    public LocalDate endsOn() { return endsOn; }
    public String owner() { return owner; }
    public String department() { return department; }
}
