package org.crmsuite.sales.conversion;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.crmsuite.platform.security.CurrentUser;
import org.crmsuite.platform.security.Roles;
import org.crmsuite.platform.web.CrmProblemException;
import org.crmsuite.platform.web.FieldViolation;
import org.crmsuite.platform.web.IfMatch;
import org.crmsuite.platform.web.ProblemType;
import org.crmsuite.sales.lead.Lead;
import org.crmsuite.sales.lead.LeadRegistry;
import org.crmsuite.sales.lead.LeadSource;
import org.crmsuite.sales.lead.LeadStatus;
import org.crmsuite.sales.opportunity.OpportunityRegistry;
import org.crmsuite.sales.opportunity.OpportunityRegistry.NewOpportunity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;

/**
 * Turns a qualified lead into a customer and a deal. First the remote half, outside any transaction: the customer the
 * rep chose, or the best duplicate-check candidate at or above {@code crm.sales.customer-service.match-score}, or a new
 * customer registered under {@code Idempotency-Key: lead-conversion-<leadId>} (so a retry never makes a twin). Then
 * the local half in one transaction ({@link LeadRegistry#completeConversion}): the deal, the lead CONVERTED and
 * {@code crm.lead.converted.v1} in the outbox. customer-service down, slow or failing: 503 and the lead unchanged.
 * A conversion that already happened answers what it made, so a retried request makes no second deal either.
 */
@Service
public class LeadConversion {

    /** What the rep may add: the customer they chose, facts about the company, and the deal to open. */
    public record Request(UUID customerId, CompanyFacts customer, DealFacts opportunity) {
    }

    public record CompanyFacts(String uscc, Boolean foreignCompany, String industry, String province, String city, String district,
                               String street, String website, String phone, String email) {
    }

    public record DealFacts(String name, BigDecimal amount, String currency, LocalDate expectedCloseDate, UUID pipelineId, String stage) {
    }

    /** What happened: the lead, whether this call converted it, and how the customer was found. */
    public record Result(Lead lead, boolean convertedNow, Candidate matched) {
    }

    private final LeadRegistry leads;
    private final OpportunityRegistry opportunities;
    private final CustomerDirectory customers;
    private final CustomerServiceProperties properties;

    LeadConversion(LeadRegistry leads, OpportunityRegistry opportunities, CustomerDirectory customers, CustomerServiceProperties properties) {
        this.leads = leads;
        this.opportunities = opportunities;
        this.customers = customers;
        this.properties = properties;
    }

    public static String idempotencyKey(UUID leadId) {
        return "lead-conversion-" + leadId;
    }

    public Result convert(UUID leadId, Request request, long expectedVersion, CurrentUser user) {
        if (!user.hasAnyRole(Roles.SALES_REP, Roles.SALES_MANAGER, Roles.CRM_ADMIN)) {
            throw new AccessDeniedException(user.id() + " may not convert leads");
        }
        Request asked = request == null ? new Request(null, null, null) : request;
        Lead lead = leads.get(leadId, user);
        if (lead.status() == LeadStatus.CONVERTED) {
            return new Result(lead, false, null);
        }
        if (expectedVersion < 0) {
            IfMatch.version(null); // 428: only a repeat of a finished conversion may come without a version
        }
        IfMatch.require("lead", leadId, expectedVersion, lead.version());
        lead.requireConvertible();
        opportunities.check(deal(lead, asked.opportunity(), null));

        Candidate matched = null;
        UUID customerId;
        boolean created;
        try {
            if (asked.customerId() != null) {
                customerId = chosen(asked.customerId());
                created = false;
            } else {
                CustomerDraft draft = draft(lead, asked.customer());
                Optional<Candidate> best = Candidate.best(customers.duplicates(draft), properties.matchScore());
                if (best.isPresent()) {
                    matched = best.get();
                    customerId = matched.id();
                    created = false;
                } else {
                    Registered registered = register(leadId, draft.anyway());
                    customerId = registered.id();
                    created = registered.created();
                    matched = registered.sameUscc();
                }
            }
        } catch (CustomerDirectory.Unavailable e) {
            throw new CrmProblemException(ProblemType.SERVICE_UNAVAILABLE, "customer-service cannot be reached (" + e.getMessage()
                    + "); the lead is unchanged, try the conversion again in a moment", List.of(), Map.of("leadId", leadId));
        } catch (CustomerDirectory.Refused e) {
            throw refused(e);
        }

        UUID customer = customerId;
        LeadRegistry.Conversion done = leads.completeConversion(leadId, expectedVersion, customerId, created,
                converting -> opportunities.open(deal(converting, asked.opportunity(), customer), user).id(), user);
        return new Result(done.lead(), done.convertedNow(), done.convertedNow() ? matched : null);
    }

    private record Registered(UUID id, boolean created, Candidate sameUscc) {
    }

    /** Registers with the lead's idempotency key; a company whose USCC is already registered is that customer. */
    private Registered register(UUID leadId, CustomerDraft draft) {
        try {
            return new Registered(customers.register(idempotencyKey(leadId), draft), true, null);
        } catch (CustomerDirectory.Refused e) {
            if (e.status() == 409 && "same-uscc".equals(e.problem().get("conflict"))) {
                List<Candidate> same = Candidate.listed(e.problem());
                if (!same.isEmpty()) {
                    return new Registered(same.getFirst().id(), false, same.getFirst());
                }
            }
            throw e;
        }
    }

    /** The customer the rep chose: it must exist; a merged one is replaced by its survivor. */
    private UUID chosen(UUID id) {
        CustomerDirectory.KnownCustomer known = customers.customer(id)
                .orElseThrow(() -> CrmProblemException.invalid("customerId", "customer-service knows no customer " + id));
        if (known.mergedInto() != null) {
            return known.mergedInto();
        }
        if ("ERASED".equals(known.status())) {
            throw CrmProblemException.invalid("customerId", "customer " + id + " was erased");
        }
        return known.id();
    }

    private static CustomerDraft draft(Lead lead, CompanyFacts facts) {
        CompanyFacts f = facts == null ? new CompanyFacts(null, null, null, null, null, null, null, null, null, null) : facts;
        String channel = lead.source() == LeadSource.WEBSITE ? "WEBSITE" : "SALES_VISIT";
        return new CustomerDraft(lead.company(), blankToNull(f.uscc()), f.foreignCompany(), blankToNull(f.industry()), blankToNull(f.province()),
                blankToNull(f.city()), blankToNull(f.district()), blankToNull(f.street()), blankToNull(f.website()), blankToNull(f.phone()),
                blankToNull(f.email()), channel, lead.owner(), lead.department(), null);
    }

    private static NewOpportunity deal(Lead lead, DealFacts facts, UUID customerId) {
        DealFacts f = facts == null ? new DealFacts(null, null, null, null, null, null) : facts;
        String name = f.name() == null || f.name().isBlank() ? lead.company() : f.name();
        return new NewOpportunity(name, customerId, f.amount(), f.currency(), f.pipelineId(), f.stage(), f.expectedCloseDate(), List.of(),
                List.of(), lead.campaignId());
    }

    /** customer-service said no: the rep learns why, with its fields under {@code customer.}. */
    @SuppressWarnings("unchecked")
    private static RuntimeException refused(CustomerDirectory.Refused e) {
        if (e.status() == 401 || e.status() == 403) {
            return new AccessDeniedException("customer-service refused the caller: " + e.problem().getOrDefault("detail", e.status()));
        }
        List<FieldViolation> fields = e.problem().get("errors") instanceof List<?> errors ? errors.stream().filter(Map.class::isInstance)
                .map(error -> (Map<String, Object>) error)
                .map(error -> new FieldViolation("customer." + error.get("field"), String.valueOf(error.get("reason")))).toList() : List.of();
        return new CrmProblemException(ProblemType.BUSINESS_RULE_VIOLATED, "customer-service refused the customer: "
                + e.problem().getOrDefault("detail", "status " + e.status()) + "; the lead is unchanged", fields, Map.of());
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
