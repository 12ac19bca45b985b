package org.crmsuite.sales.activity;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.crmsuite.platform.persistence.AuditedEntity;
import org.crmsuite.platform.web.CrmProblemException;
import org.crmsuite.platform.web.FieldViolation;

/**
 * A call, visit, meeting, email or task with a due time and an optional reminder, linked to a lead, a deal or a
 * customer. The reminder's sending is recorded by {@link ActivityReminders} only (never written from here), so an edit
 * can never undo a claim.
 */
@Entity
@Table(name = "activity")
public class Activity extends AuditedEntity {

    @Id
    private UUID id;
    @Enumerated(EnumType.STRING)
    private ActivityType type;
    private String subject;
    private String notes;
    private Instant dueAt;
    private Instant remindAt;
    @Column(insertable = false, updatable = false)
    private Instant reminderSentAt;
    private UUID leadId;
    private UUID opportunityId;
    private UUID customerId;
    @Enumerated(EnumType.STRING)
    private ActivityStatus status;
    private String outcome;
    private Instant closedAt;
    @Column(updatable = false)
    private UUID followUpPlanId;
    @Column(updatable = false)
    private Integer planPeriod;
    @Column(name = "owner_id")
    private String owner;
    private String department;

    protected Activity() {
    }

    /** Plans an activity; it needs at least one of lead, deal or customer, and a reminder not after the due time. */
    public static Activity plan(ActivityType type, String subject, String notes, Instant dueAt, Instant remindAt, UUID leadId,
            UUID opportunityId, UUID customerId, String owner, String department) {
        if (leadId == null && opportunityId == null && customerId == null) {
            throw CrmProblemException.invalid(List.of(new FieldViolation("leadId", "link the activity to a lead, an opportunity or a customer"),
                    new FieldViolation("opportunityId", "link the activity to a lead, an opportunity or a customer"),
                    new FieldViolation("customerId", "link the activity to a lead, an opportunity or a customer")));
        }
        if (remindAt != null && remindAt.isAfter(dueAt)) {
            throw CrmProblemException.invalid("remindAt", "must not be after dueAt");
        }
        Activity activity = new Activity();
        activity.id = UUID.randomUUID();
        activity.type = type;
        activity.subject = subject;
        activity.notes = notes;
        activity.dueAt = dueAt;
        activity.remindAt = remindAt;
        activity.leadId = leadId;
        activity.opportunityId = opportunityId;
        activity.customerId = customerId;
        activity.owner = owner;
        activity.department = department;
        activity.status = ActivityStatus.PLANNED;
        return activity;
    }

    public void complete(String outcome, Instant now) {
        requirePlanned();
        this.status = ActivityStatus.COMPLETED;
        this.outcome = outcome;
        this.closedAt = now;
    }

    public void cancel(String reason, Instant now) {
        requirePlanned();
        this.status = ActivityStatus.CANCELLED;
        this.outcome = reason;
        this.closedAt = now;
    }

    private void requirePlanned() {
        if (status != ActivityStatus.PLANNED) {
            throw CrmProblemException.ruleViolated("activity " + id + " is already " + status,
                    List.of(new FieldViolation("status", "must be PLANNED, is " + status)));
        }
    }

    public UUID id() { return id; }
    public ActivityType type() { return type; }
    public String subject() { return subject; }
    public String notes() { return notes; }
    public Instant dueAt() { return dueAt; }
    public Instant remindAt() { return remindAt; }
    public Instant reminderSentAt() { return reminderSentAt; }
    public UUID leadId() { return leadId; }
    public UUID opportunityId() { return opportunityId; }
    public UUID customerId() { return customerId; }
    public ActivityStatus status() { return status; }
    public String outcome() { return outcome; }
    public Instant closedAt() { return closedAt; }
    public UUID followUpPlanId() { return followUpPlanId; }
    public Integer planPeriod() { return planPeriod; }
    public String owner() { return owner; }
    public String department() { return department; }
}
