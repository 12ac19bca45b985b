package org.crmsuite.sales.campaign;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.crmsuite.platform.outbox.Outbox;
import org.crmsuite.platform.security.CurrentUser;
import org.crmsuite.platform.security.RecordAccess;
import org.crmsuite.platform.security.Roles;
import org.crmsuite.platform.web.CrmProblemException;
import org.crmsuite.platform.web.FieldViolation;
import org.crmsuite.platform.web.IfMatch;
import org.crmsuite.sales.events.CampaignCompleted;
import org.crmsuite.sales.events.CampaignLaunched;
import org.crmsuite.sales.lead.LeadRegistry;
import org.crmsuite.sales.money.Money;
import org.crmsuite.sales.opportunity.OpportunityRepository;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A campaign's life after planning: launch and completion (with their events in the outbox), the actual cost, members
 * (leads or customers) and their responses. Marketing works on every campaign; managers on their department's.
 */
@Service
public class CampaignDesk {

    static final RecordAccess ACCESS = RecordAccess.seeingAll(Roles.MARKETING);

    public record Member(UUID id, UUID leadId, UUID customerId, String addedBy, Instant addedAt, int responses) {
    }

    private final CampaignRepository campaigns;
    private final JdbcClient db;
    private final Outbox outbox;
    private final LeadRegistry leads;
    private final Clock clock;

    CampaignDesk(CampaignRepository campaigns, JdbcClient db, Outbox outbox, LeadRegistry leads, Clock clock) {
        this.campaigns = campaigns;
        this.db = db;
        this.outbox = outbox;
        this.leads = leads;
        this.clock = clock;
    }

    @Transactional
    public Campaign launch(UUID id, long expectedVersion, CurrentUser user) {
        Campaign campaign = workable(id, expectedVersion, user);
        Instant now = Instant.now(clock);
        campaign.launch(now);
        Campaign saved = campaigns.saveAndFlush(campaign);
        outbox.record(new CampaignLaunched(id, saved.name(), saved.channel(), saved.targetSegment(), saved.budget().text(), saved.currency(),
                saved.startsOn(), saved.endsOn(), saved.owner(), saved.department(), user.id(), now));
        return saved;
    }

    @Transactional
    public Campaign complete(UUID id, java.math.BigDecimal finalCost, long expectedVersion, CurrentUser user) {
        Campaign campaign = workable(id, expectedVersion, user);
        Instant now = Instant.now(clock);
        campaign.complete(finalCost == null ? null : cost(finalCost, campaign), now);
        Campaign saved = campaigns.saveAndFlush(campaign);
        outbox.record(new CampaignCompleted(id, saved.name(), saved.budget().text(), saved.actualCost().text(), saved.currency(),
                count("SELECT count(*) FROM campaign_member WHERE campaign_id = :id", id),
                count("SELECT count(DISTINCT member_id) FROM campaign_response WHERE campaign_id = :id", id),
                saved.owner(), saved.department(), user.id(), now));
        return saved;
    }

    @Transactional
    public Campaign changeActualCost(UUID id, java.math.BigDecimal amount, long expectedVersion, CurrentUser user) {
        Campaign campaign = workable(id, expectedVersion, user);
        campaign.changeActualCost(cost(amount, campaign));
        return campaigns.saveAndFlush(campaign);
    }

    /** Adds a lead (visible to the caller) or a customer as a member; a member already there is refused with 409. */
    @Transactional
    public Member addMember(UUID id, UUID leadId, UUID customerId, CurrentUser user) {
        Campaign campaign = visible(id, user);
        requireWorker(user);
        if (campaign.status() == CampaignStatus.COMPLETED) {
            throw CrmProblemException.ruleViolated("campaign " + id + " is completed", List.of(new FieldViolation("status", "COMPLETED")));
        }
        if ((leadId == null) == (customerId == null)) {
            throw CrmProblemException.invalid(List.of(new FieldViolation("leadId", "give a lead or a customer, not both"),
                    new FieldViolation("customerId", "give a lead or a customer, not both")));
        }
        if (leadId != null) {
            leads.get(leadId, user);
        }
        UUID memberId = UUID.randomUUID();
        Instant now = Instant.now(clock);
        try {
            db.sql("INSERT INTO campaign_member (id, campaign_id, lead_id, customer_id, added_by, added_at) VALUES (:m, :c, :l, :cu, :by, :at)")
                    .param("m", memberId).param("c", id).param("l", leadId).param("cu", customerId).param("by", user.id())
                    .param("at", Timestamp.from(now)).update();
        } catch (DuplicateKeyException e) {
            throw CrmProblemException.conflict("this " + (leadId != null ? "lead" : "customer") + " is already a member of campaign " + id);
        }
        return new Member(memberId, leadId, customerId, user.id(), now, 0);
    }

    /** Records a member's response; a campaign answers only once it is launched. */
    @Transactional
    public UUID recordResponse(UUID id, UUID memberId, ResponseKind kind, String note, CurrentUser user) {
        Campaign campaign = visible(id, user);
        requireWorker(user);
        if (campaign.status() == CampaignStatus.PLANNED) {
            throw CrmProblemException.ruleViolated("campaign " + id + " is not launched yet", List.of(new FieldViolation("status", "PLANNED")));
        }
        if (db.sql("SELECT count(*) FROM campaign_member WHERE campaign_id = :id AND id = :member").param("id", id).param("member", memberId)
                .query(Integer.class).single() == 0) {
            throw CrmProblemException.invalid("memberId", "not a member of campaign " + id);
        }
        UUID responseId = UUID.randomUUID();
        db.sql("INSERT INTO campaign_response (id, campaign_id, member_id, kind, note, recorded_by, responded_at) VALUES (:r, :c, :m, :k, :n, :by, :at)")
                .param("r", responseId).param("c", id).param("m", memberId).param("k", kind.name()).param("n", note).param("by", user.id())
                .param("at", Timestamp.from(Instant.now(clock))).update();
        return responseId;
    }

    @Transactional(readOnly = true)
    public List<Member> members(UUID id, CurrentUser user) {
        visible(id, user);
        return db.sql("""
                        SELECT m.id, m.lead_id, m.customer_id, m.added_by, m.added_at, (SELECT count(*) FROM campaign_response r WHERE r.member_id = m.id) AS responses
                        FROM campaign_member m WHERE m.campaign_id = :id ORDER BY m.added_at, m.id""")
                .param("id", id)
                .query((rs, n) -> new Member(rs.getObject("id", UUID.class), rs.getObject("lead_id", UUID.class), rs.getObject("customer_id", UUID.class),
                        rs.getString("added_by"), rs.getTimestamp("added_at").toInstant(), rs.getInt("responses")))
                .list();
    }

    /** Campaigns for the marketing list: marketing and admins see all, others their own and their groups'. */
    @Transactional(readOnly = true)
    public Page<Campaign> list(CurrentUser user, CampaignStatus status, Pageable pageable) {
        Specification<Campaign> filter = status == null ? (root, query, cb) -> cb.conjunction()
                : (root, query, cb) -> cb.equal(root.get("status"), status);
        return campaigns.findAll(ACCESS.seesAll(user) ? filter : filter.and(OpportunityRepository.visibleTo(user)), pageable);
    }

    public int count(String sql, UUID id) {
        return db.sql(sql).param("id", id).query(Integer.class).single();
    }

    private Campaign workable(UUID id, long expectedVersion, CurrentUser user) {
        requireWorker(user);
        Campaign campaign = visible(id, user);
        IfMatch.require("campaign", id, expectedVersion, campaign.version());
        return campaign;
    }

    private Campaign visible(UUID id, CurrentUser user) {
        Campaign campaign = campaigns.findById(id).orElseThrow(() -> CrmProblemException.notFound("campaign", id));
        ACCESS.requireSee(user, campaign.owner(), campaign.department());
        return campaign;
    }

    private static Money cost(java.math.BigDecimal amount, Campaign campaign) {
        List<FieldViolation> violations = new java.util.ArrayList<>();
        Money.checkAmount(amount, "actualCost", violations);
        if (amount == null) {
            violations.add(new FieldViolation("actualCost", "required"));
        }
        if (!violations.isEmpty()) {
            throw CrmProblemException.invalid(violations);
        }
        return new Money(amount, campaign.currency());
    }

    private static void requireWorker(CurrentUser user) {
        if (!user.hasAnyRole(Roles.MARKETING, Roles.SALES_MANAGER, Roles.CRM_ADMIN)) {
            throw new AccessDeniedException(user.id() + " may not work on campaigns");
        }
    }
}
