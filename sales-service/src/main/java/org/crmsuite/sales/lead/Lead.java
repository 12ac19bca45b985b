package org.crmsuite.sales.lead;

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

/** A prospective customer before it is worth a deal: company and contact, where it came from, a score and a status. */
@Entity
@Table(name = "lead")
public class Lead extends AuditedEntity {

    @Id
    private UUID id;
    private String company;
    private String contactName;
    private String contactTitle;
    private String contactPhone;
    private String contactEmail;
    @Enumerated(EnumType.STRING)
    private LeadSource source;
    private UUID campaignId;
    private int score;
    @Enumerated(EnumType.STRING)
    private LeadStatus status;
    private String disqualifyReason;
    @Column(name = "owner_id")
    private String owner;
    private String department;
    private UUID customerId;
    private Boolean customerCreated;
    private UUID opportunityId;
    private Instant convertedAt;
    private String convertedBy;

    protected Lead() {
    }

    public Lead(String company, String contactName, String contactTitle, String contactPhone, String contactEmail, LeadSource source,
            UUID campaignId, int score, String owner, String department) {
        this.id = UUID.randomUUID();
        this.company = company;
        this.contactName = contactName;
        this.contactTitle = contactTitle;
        this.contactPhone = contactPhone;
        this.contactEmail = contactEmail;
        this.source = source;
        this.campaignId = campaignId;
        this.score = score;
        this.owner = owner;
        this.department = department;
        this.status = LeadStatus.NEW;
    }

    /** Moves along the status flow; disqualifying needs a reason. Answers the status it left. */
    public LeadStatus moveTo(LeadStatus target, String reason) {
        if (target == LeadStatus.CONVERTED) {
            throw CrmProblemException.ruleViolated("a lead is converted with POST /api/v1/sales/leads/" + id + "/conversion",
                    List.of(new FieldViolation("status", "CONVERTED is not reachable through this endpoint")));
        }
        if (!status.mayMoveTo(target)) {
            throw CrmProblemException.ruleViolated("a " + status + " lead cannot become " + target,
                    List.of(new FieldViolation("status", "not allowed from " + status)));
        }
        if (target == LeadStatus.DISQUALIFIED && (reason == null || reason.isBlank())) {
            throw CrmProblemException.invalid("reason", "required when a lead is disqualified");
        }
        LeadStatus from = status;
        status = target;
        disqualifyReason = target == LeadStatus.DISQUALIFIED ? reason.strip() : null;
        return from;
    }

    /** Only a qualified lead converts; it then remembers the customer it became and the deal it opened. */
    public void requireConvertible() {
        if (status != LeadStatus.QUALIFIED) {
            throw CrmProblemException.ruleViolated("only a QUALIFIED lead can be converted; this one is " + status,
                    List.of(new FieldViolation("status", "must be QUALIFIED, is " + status)));
        }
    }

    public void convert(UUID customerId, boolean customerCreated, UUID opportunityId, String by, Instant at) {
        requireConvertible();
        this.status = LeadStatus.CONVERTED;
        this.customerId = customerId;
        this.customerCreated = customerCreated;
        this.opportunityId = opportunityId;
        this.convertedBy = by;
        this.convertedAt = at;
    }

    /** Follows a customer merge: the lead now belongs to the survivor. */
    public void repointCustomer(UUID survivor) {
        this.customerId = survivor;
    }

    /** Erasure of the contact's personal data (PIPL / GDPR): the company stays, the person goes. */
    public void eraseContact() {
        this.contactName = null;
        this.contactTitle = null;
        this.contactPhone = null;
        this.contactEmail = null;
    }

    public UUID id() { return id; }
    public UUID customerId() { return customerId; }
    public boolean customerCreated() { return Boolean.TRUE.equals(customerCreated); }
    public UUID opportunityId() { return opportunityId; }
    public Instant convertedAt() { return convertedAt; }
    public String convertedBy() { return convertedBy; }
    public String company() { return company; }
    public String contactName() { return contactName; }
    public String contactTitle() { return contactTitle; }
    public String contactPhone() { return contactPhone; }
    public String contactEmail() { return contactEmail; }
    public LeadSource source() { return source; }
    public UUID campaignId() { return campaignId; }
    public int score() { return score; }
    public LeadStatus status() { return status; }
    public String disqualifyReason() { return disqualifyReason; }
    public String owner() { return owner; }
    public String department() { return department; }
}
