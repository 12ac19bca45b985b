package org.crmsuite.analytics.customer;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.crmsuite.analytics.config.AnalyticsProperties;
import org.crmsuite.analytics.event.AnalyticsEvent;
import org.crmsuite.analytics.model.ChurnRules;
import org.crmsuite.analytics.model.Customer360;
import org.crmsuite.analytics.model.Customer360Fold;
import org.crmsuite.analytics.model.CustomerProfile;
import org.crmsuite.analytics.projection.ReadModel;
import org.crmsuite.analytics.projection.ReadModelStore;
import org.crmsuite.platform.security.CurrentUser;
import org.crmsuite.platform.security.RecordAccess;
import org.crmsuite.platform.security.Roles;
import org.crmsuite.platform.web.CrmProblemException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/analytics/customers")
@Tag(name = "Customer 360", description = "Everything that happened to a customer, from the suite's, ERP's and finance's events")
class Customer360Resource {

    private final ReadModelStore store;
    private final RecordAccess access;
    private final AnalyticsProperties properties;
    private final Clock clock;

    Customer360Resource(ReadModelStore store, RecordAccess access, AnalyticsProperties properties, Clock clock) {
        this.store = store;
        this.access = access;
        this.properties = properties;
        this.clock = clock;
    }

    @Operation(summary = "The customer 360",
            description = "Profile, tier, stage, open and recent tickets, satisfaction, pipeline and won revenue, ERP orders, finance invoices, "
                    + "the churn risk now with its reasons, and the timeline (newest first). A merged-away customer answers with its survivor's 360. "
                    + "Managers see their department's customers, reps their own and their team's; analysts every customer without phone and email.")
    @GetMapping("/{id}/360")
    Customer360View get(@PathVariable String id,
                        @RequestParam(defaultValue = "100") @Parameter(description = "newest timeline entries to return (1-1000)") int timelineLimit) {
        CurrentUser user = CurrentUser.current();
        if (user.hasRole(Roles.INTEGRATION) && !access.seesAll(user)) {
            throw new AccessDeniedException("integration clients do not read the customer 360");
        }
        if (timelineLimit < 1 || timelineLimit > 1000) {
            throw CrmProblemException.invalid("timelineLimit", "must be 1 to 1000");
        }
        Customer360 view = store.get(ReadModel.CUSTOMER_360, id, Customer360.class);
        for (int depth = 0; depth < 32 && view != null && view.mergedInto() != null; depth++) {
            view = store.get(ReadModel.CUSTOMER_360, view.mergedInto(), Customer360.class);
        }
        if (view == null) {
            throw CrmProblemException.notFound("customer 360", id);
        }
        CustomerProfile profile = view.profile();
        access.requireSee(user, profile == null ? null : profile.ownerId(), profile == null ? null : profile.department());
        boolean noPersonalData = user.hasRole(Roles.ANALYST) && !user.hasAnyRole(Roles.CRM_ADMIN, Roles.DATA_STEWARD);
        Customer360View.Profile profileView = profile == null ? null : new Customer360View.Profile(profile.customerId(), profile.code(),
                profile.legalName(), profile.shortName(), profile.uscc(), profile.ownerId(), profile.department(), profile.valueTier(),
                profile.lifecycleStage(), profile.status(), noPersonalData ? null : profile.phone(), noPersonalData ? null : profile.email(),
                profile.createdAt(), profile.updatedAt());
        var orders = view.orders();
        var risk = ChurnRules.assess(view.customerId(), view.tickets(), view.opportunities(), orders, view.invoices(), clock.instant(),
                new ChurnRules.Settings(properties.churnWindowDays(), properties.noContactDays()));
        // the timeline is read from the event streams, not kept in the 360 document (README: the timeline is paged from
        // the stored events), so it may already show events whose effect the 360's other parts get in the next pass
        List<AnalyticsEvent> events = new ArrayList<>();
        store.histories(view.eventKeys() == null ? List.of() : view.eventKeys()).values().forEach(events::addAll);
        List<Customer360.TimelineEntry> timeline = Customer360Fold.timeline(view.customerId(), events, timelineLimit);
        return new Customer360View(view.customerId(), id, view.mergedCustomerIds(), profileView, view.openTickets(), view.recentTickets(),
                view.ticketCount(), view.satisfaction(), view.csatAverage(), view.pipeline(), orders, view.orderTotal(), view.invoices(),
                view.overdueAmount(), view.lastContactAt(), risk, timeline);
    }
}
