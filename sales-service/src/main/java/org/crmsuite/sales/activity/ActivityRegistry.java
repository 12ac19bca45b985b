package org.crmsuite.sales.activity;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import org.crmsuite.platform.security.CurrentUser;
import org.crmsuite.platform.security.RecordAccess;
import org.crmsuite.platform.security.Roles;
import org.crmsuite.platform.web.CrmProblemException;
import org.crmsuite.platform.web.IfMatch;
import org.crmsuite.platform.web.ProblemType;
import org.crmsuite.sales.lead.LeadRegistry;
import org.crmsuite.sales.opportunity.OpportunityRegistry;
import org.crmsuite.sales.opportunity.OpportunityRepository;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Plans, completes and cancels activities and follow-up plans, with the same record access as deals. */
@Service
public class ActivityRegistry {

    /** Reps see their own and their team's activities, managers their department's; crm-admin sees all. */
    static final RecordAccess ACCESS = RecordAccess.seeingAll();

    private final ActivityRepository activities;
    private final FollowUpPlanRepository plans;
    private final LeadRegistry leads;
    private final OpportunityRegistry opportunities;
    private final Clock clock;

    ActivityRegistry(ActivityRepository activities, FollowUpPlanRepository plans, LeadRegistry leads, OpportunityRegistry opportunities, Clock clock) {
        this.activities = activities;
        this.plans = plans;
        this.leads = leads;
        this.opportunities = opportunities;
        this.clock = clock;
    }

    /** What a client asks for; the links must exist and be visible to the caller. */
    public record NewActivity(ActivityType type, String subject, String notes, Instant dueAt, Instant remindAt, UUID leadId,
                              UUID opportunityId, UUID customerId) {
    }

    @Transactional
    public Activity plan(NewActivity request, CurrentUser user) {
        requireSeller(user);
        if (request.leadId() != null) {
            requireLinked("leadId", () -> leads.get(request.leadId(), user));
        }
        if (request.opportunityId() != null) {
            requireLinked("opportunityId", () -> opportunities.get(request.opportunityId(), user));
        }
        Activity activity = Activity.plan(request.type(), request.subject().strip(), request.notes(), request.dueAt(), request.remindAt(),
                request.leadId(), request.opportunityId(), request.customerId(), user.id(), user.primaryDepartment());
        return activities.saveAndFlush(activity);
    }

    @Transactional
    public Activity complete(UUID id, String outcome, long expectedVersion, CurrentUser user) {
        Activity activity = workable(id, expectedVersion, user);
        activity.complete(outcome, Instant.now(clock));
        return activities.saveAndFlush(activity);
    }

    @Transactional
    public Activity cancel(UUID id, String reason, long expectedVersion, CurrentUser user) {
        Activity activity = workable(id, expectedVersion, user);
        activity.cancel(reason, Instant.now(clock));
        return activities.saveAndFlush(activity);
    }

    @Transactional(readOnly = true)
    public Activity get(UUID id, CurrentUser user) {
        Activity activity = activities.findById(id).orElseThrow(() -> CrmProblemException.notFound("activity", id));
        ACCESS.requireSee(user, activity.owner(), activity.department());
        return activity;
    }

    @Transactional(readOnly = true)
    public Page<Activity> list(CurrentUser user, UUID leadId, UUID opportunityId, UUID customerId, ActivityStatus status, Pageable pageable) {
        Specification<Activity> filter = (root, query, cb) -> cb.conjunction();
        if (leadId != null) {
            filter = filter.and((root, query, cb) -> cb.equal(root.get("leadId"), leadId));
        }
        if (opportunityId != null) {
            filter = filter.and((root, query, cb) -> cb.equal(root.get("opportunityId"), opportunityId));
        }
        if (customerId != null) {
            filter = filter.and((root, query, cb) -> cb.equal(root.get("customerId"), customerId));
        }
        if (status != null) {
            filter = filter.and((root, query, cb) -> cb.equal(root.get("status"), status));
        }
        return activities.findAll(ACCESS.seesAll(user) ? filter : filter.and(OpportunityRepository.visibleTo(user)), pageable);
    }

    @Transactional
    public FollowUpPlan startPlan(UUID customerId, String subject, int every, FollowUpUnit unit, Instant firstVisitAt, CurrentUser user) {
        requireSeller(user);
        if (firstVisitAt.isBefore(Instant.now(clock))) {
            throw CrmProblemException.invalid("firstVisitAt", "must not be in the past");
        }
        return plans.saveAndFlush(new FollowUpPlan(customerId, subject.strip(), every, unit, firstVisitAt, user.id(), user.primaryDepartment()));
    }

    @Transactional
    public FollowUpPlan stopPlan(UUID id, long expectedVersion, CurrentUser user) {
        requireSeller(user);
        FollowUpPlan plan = plan(id, user);
        IfMatch.require("follow-up plan", id, expectedVersion, plan.version());
        plan.stop();
        return plans.saveAndFlush(plan);
    }

    @Transactional(readOnly = true)
    public FollowUpPlan plan(UUID id, CurrentUser user) {
        FollowUpPlan plan = plans.findById(id).orElseThrow(() -> CrmProblemException.notFound("follow-up plan", id));
        ACCESS.requireSee(user, plan.owner(), plan.department());
        return plan;
    }

    private Activity workable(UUID id, long expectedVersion, CurrentUser user) {
        requireSeller(user);
        Activity activity = get(id, user);
        IfMatch.require("activity", id, expectedVersion, activity.version());
        return activity;
    }

    private static void requireLinked(String field, Runnable lookup) {
        try {
            lookup.run();
        } catch (CrmProblemException e) {
            if (e.type() == ProblemType.NOT_FOUND) {
                throw CrmProblemException.invalid(field, e.getMessage());
            }
            throw e;
        }
    }

    private static void requireSeller(CurrentUser user) {
        if (!user.hasAnyRole(Roles.SALES_REP, Roles.SALES_MANAGER, Roles.CRM_ADMIN)) {
            throw new AccessDeniedException(user.id() + " may not work on activities");
        }
    }
}
