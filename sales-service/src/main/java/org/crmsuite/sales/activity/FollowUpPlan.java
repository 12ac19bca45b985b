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
 * Regular visits to a key customer: every N days or weeks from the first visit. {@link FollowUpPlans} creates each
 * period's VISIT once, when it comes within the lead time; the counters move only there.
 */
@Entity
@Table(name = "follow_up_plan")
public class FollowUpPlan extends AuditedEntity {

    @Id
    private UUID id;
    private UUID customerId;
    private String subject;
    private int every;
    @Enumerated(EnumType.STRING)
    private FollowUpUnit unit;
    @Column(updatable = false)
    private int nextPeriod;
    @Column(updatable = false)
    private Instant nextDueAt;
    private boolean active;
    @Column(name = "owner_id")
    private String owner;
    private String department;

    protected FollowUpPlan() {
    }

    public FollowUpPlan(UUID customerId, String subject, int every, FollowUpUnit unit, Instant firstVisitAt, String owner, String department) {
        this.id = UUID.randomUUID();
        this.customerId = customerId;
        this.subject = subject;
        this.every = every;
        this.unit = unit;
        this.nextPeriod = 0;
        this.nextDueAt = firstVisitAt;
        this.active = true;
        this.owner = owner;
        this.department = department;
    }

    public void stop() {
        if (!active) {
            throw CrmProblemException.ruleViolated("follow-up plan " + id + " is already stopped", List.of(new FieldViolation("active", "already false")));
        }
        active = false;
    }

    public UUID id() { return id; }
    public UUID customerId() { return customerId; }
    public String subject() { return subject; }
    public int every() { return every; }
    public FollowUpUnit unit() { return unit; }
    public int nextPeriod() { return nextPeriod; }
    public Instant nextDueAt() { return nextDueAt; }
    public boolean active() { return active; }
    public String owner() { return owner; }
    public String department() { return department; }
}
