package org.crmsuite.sales.lead;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.crmsuite.platform.web.IfMatch;
import org.crmsuite.platform.outbox.Outbox;
import org.crmsuite.platform.security.CurrentUser;
import org.crmsuite.platform.security.RecordAccess;
import org.crmsuite.platform.security.Roles;
import org.crmsuite.platform.web.CrmProblemException;
import org.crmsuite.sales.events.LeadConverted;
import org.crmsuite.sales.events.LeadCreated;
import org.crmsuite.sales.events.LeadDisqualified;
import org.crmsuite.sales.events.LeadQualified;
import org.crmsuite.sales.opportunity.OpportunityRepository;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Registers leads and moves them along their status flow, recording events in the outbox in the same transaction. */
@Service
public class LeadRegistry {

    /** Marketing registers leads for campaigns and sees them all; reps their own and team's; managers their department's. */
    static final RecordAccess ACCESS = RecordAccess.seeingAll(Roles.MARKETING);

    private final LeadRepository leads;
    private final Outbox outbox;
    private final Clock clock;

    LeadRegistry(LeadRepository leads, Outbox outbox, Clock clock) {
        this.leads = leads;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Transactional
    public Lead register(Lead lead, CurrentUser user) {
        requireWorker(user);
        Lead saved = leads.saveAndFlush(lead);
        outbox.record(new LeadCreated(saved.id(), saved.company(), saved.source().name(), saved.campaignId(), saved.score(),
                saved.owner(), saved.department(), saved.version(), user.id(), saved.createdAt()));
        return saved;
    }

    @Transactional
    public Lead moveTo(UUID id, LeadStatus target, String reason, long expectedVersion, CurrentUser user) {
        requireWorker(user);
        Lead lead = visible(id, user);
        IfMatch.require("lead", id, expectedVersion, lead.version());
        LeadStatus from = lead.moveTo(target, reason);
        Lead saved = leads.saveAndFlush(lead);
        Instant now = Instant.now(clock);
        switch (saved.status()) {
            case QUALIFIED -> outbox.record(new LeadQualified(id, saved.company(), saved.campaignId(), saved.score(), saved.owner(),
                    saved.department(), saved.version(), user.id(), now));
            case DISQUALIFIED -> outbox.record(new LeadDisqualified(id, saved.company(), from.name(), saved.disqualifyReason(),
                    saved.campaignId(), saved.owner(), saved.department(), saved.version(), user.id(), now));
            default -> { }
        }
        return saved;
    }

    /**
     * The local half of a conversion, after customer-service answered: locks the lead, and unless a concurrent or
     * earlier conversion got there first, opens the deal ({@code openDeal}, in this transaction), marks the lead
     * CONVERTED and records {@code crm.lead.converted.v1}. Answers the converted lead and whether this call converted it.
     */
    @Transactional
    public Conversion completeConversion(UUID id, long expectedVersion, UUID customerId, boolean customerCreated,
            java.util.function.Function<Lead, UUID> openDeal, CurrentUser user) {
        Lead lead = leads.findForUpdate(id).orElseThrow(() -> CrmProblemException.notFound("lead", id));
        ACCESS.requireSee(user, lead.owner(), lead.department());
        if (lead.status() == LeadStatus.CONVERTED) {
            return new Conversion(lead, false);
        }
        IfMatch.require("lead", id, expectedVersion, lead.version());
        lead.requireConvertible();
        UUID opportunityId = openDeal.apply(lead);
        Instant now = Instant.now(clock);
        lead.convert(customerId, customerCreated, opportunityId, user.id(), now);
        Lead saved = leads.saveAndFlush(lead);
        outbox.record(new LeadConverted(id, saved.company(), customerId, customerCreated, opportunityId, saved.campaignId(), saved.owner(),
                saved.department(), saved.version(), user.id(), now));
        return new Conversion(saved, true);
    }

    /** A converted lead, and whether this call converted it (false: it already was). */
    public record Conversion(Lead lead, boolean convertedNow) {
    }

    /** Follows a customer merge: the loser's leads now point at the survivor. Answers how many moved. */
    @Transactional
    public int repointCustomer(UUID loser, UUID survivor) {
        List<Lead> moved = leads.findByCustomerId(loser);
        moved.forEach(lead -> lead.repointCustomer(survivor));
        return moved.size();
    }

    @Transactional(readOnly = true)
    public Lead get(UUID id, CurrentUser user) {
        return visible(id, user);
    }

    @Transactional(readOnly = true)
    public Page<Lead> list(CurrentUser user, Pageable pageable) {
        return ACCESS.seesAll(user) ? leads.findAll(pageable) : leads.findAll(OpportunityRepository.visibleTo(user), pageable);
    }

    private Lead visible(UUID id, CurrentUser user) {
        Lead lead = leads.findById(id).orElseThrow(() -> CrmProblemException.notFound("lead", id));
        ACCESS.requireSee(user, lead.owner(), lead.department());
        return lead;
    }

    private static void requireWorker(CurrentUser user) {
        if (!user.hasAnyRole(Roles.SALES_REP, Roles.SALES_MANAGER, Roles.MARKETING, Roles.CRM_ADMIN)) {
            throw new AccessDeniedException(user.id() + " may not work on leads");
        }
    }
}
