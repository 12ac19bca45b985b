package org.crmsuite.sales.lead;

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
            throw CrmProblemException.ruleViolated("converting a lead (creating or matching the customer) is not offered yet",
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

    public UUID id() { return id; }
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
