package org.crmsuite.analytics.kpi;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;

import org.crmsuite.analytics.model.CampaignFact;
import org.crmsuite.analytics.model.CustomerProfile;
import org.crmsuite.analytics.model.CustomerQuality;
import org.crmsuite.analytics.model.InvoiceFact;
import org.crmsuite.analytics.model.LeadFact;
import org.crmsuite.analytics.model.MergeFact;
import org.crmsuite.analytics.model.OpportunityFact;
import org.crmsuite.analytics.model.OrderFact;
import org.crmsuite.analytics.model.TicketFact;

/**
 * The read models a KPI is computed from. Customers are counted once: a merged-away customer's orders count for
 * its survivor, and an order named by USCC counts for the customer that holds it. Data-quality scores are seen
 * through their customer (its survivor's owner and department), as orders and invoices are.
 */
public record Facts(List<TicketFact> tickets, List<OpportunityFact> opportunities, List<LeadFact> leads,
                    List<CampaignFact> campaigns, List<OrderFact> orders, List<InvoiceFact> invoices,
                    List<CustomerProfile> profiles, List<MergeFact> merges, List<CustomerQuality> qualities, Memo memo) {

    public Facts(List<TicketFact> tickets, List<OpportunityFact> opportunities, List<LeadFact> leads,
                 List<CampaignFact> campaigns, List<OrderFact> orders, List<InvoiceFact> invoices,
                 List<CustomerProfile> profiles, List<MergeFact> merges, List<CustomerQuality> qualities) {
        this(tickets, opportunities, leads, campaigns, orders, invoices, profiles, merges, qualities, new Memo());
    }

    /**
     * What is derived from these facts once and reused by every KPI query on them (a snapshot serves many): the
     * customer index and the orders by customer. Not part of the facts' value: every memo equals every other.
     */
    public static final class Memo {
        private volatile Customers customers;
        /** Orders that count, by surviving customer ({@link KpiCatalog#ordersByCustomer}); read-only once set. */
        volatile Map<String, List<OrderFact>> ordersByCustomer;

        @Override
        public boolean equals(Object other) {
            return other instanceof Memo;
        }

        @Override
        public int hashCode() {
            return 0;
        }

        @Override
        public String toString() {
            return "Memo";
        }
    }

    public static final Facts EMPTY = new Facts(List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of());

    private static final class Index {
        final Map<String, String> survivorOf = new HashMap<>();
        final Map<String, String> customerOfUscc = new HashMap<>();
        final Map<String, CustomerProfile> profiles = new HashMap<>();
    }

    private Index index() {
        Index index = new Index();
        merges.stream().filter(MergeFact::active).sorted(java.util.Comparator.comparing(MergeFact::survivorId))
                .forEach(m -> index.survivorOf.putIfAbsent(m.loserId(), m.survivorId()));
        profiles.stream().sorted(java.util.Comparator.comparing(CustomerProfile::customerId)).forEach(p -> {
            index.profiles.put(p.customerId(), p);
            p.usccs().forEach(u -> index.customerOfUscc.putIfAbsent(u, p.customerId()));
        });
        return index;
    }

    /** Resolves customer references (id or USCC) to the surviving customer and its profile. */
    public Customers customers() {
        Customers customers = memo.customers;
        if (customers == null) {
            customers = new Customers(index());
            memo.customers = customers;
        }
        return customers;
    }

    public static final class Customers {
        private final Index index;

        private Customers(Index index) {
            this.index = index;
        }

        /** The surviving customer id, or null when neither the id nor the USCC is known. */
        public String canonical(String customerId, String uscc) {
            String id = customerId != null ? customerId : uscc == null ? null : index.customerOfUscc.get(uscc);
            if (id == null) {
                return null;
            }
            for (int depth = 0; depth < 32 && index.survivorOf.containsKey(id); depth++) {
                id = index.survivorOf.get(id);
            }
            return id;
        }

        public CustomerProfile profile(String canonicalId) {
            return canonicalId == null ? null : index.profiles.get(canonicalId);
        }
    }

    /**
     * Only the records the caller may see, by the owner and department of each (tickets: assignee and department;
     * orders and invoices: those of their customer).
     */
    public Facts visible(BiPredicate<String, String> canSee) {
        Customers customers = customers();
        BiPredicate<String, String> viaCustomer = (customerId, uscc) -> {
            CustomerProfile profile = customers.profile(customers.canonical(customerId, uscc));
            return profile != null && canSee.test(profile.ownerId(), profile.department());
        };
        return new Facts(
                tickets.stream().filter(t -> canSee.test(t.assignee(), t.department())).toList(),
                opportunities.stream().filter(o -> canSee.test(o.ownerId(), o.department())).toList(),
                leads.stream().filter(l -> canSee.test(l.ownerId(), l.department())).toList(),
                campaigns.stream().filter(c -> canSee.test(c.ownerId(), c.department())).toList(),
                orders.stream().filter(o -> viaCustomer.test(o.customerId(), o.uscc())).toList(),
                invoices.stream().filter(i -> viaCustomer.test(i.customerId(), i.uscc())).toList(),
                profiles.stream().filter(p -> canSee.test(p.ownerId(), p.department())).toList(),
                merges,
                qualities.stream().filter(q -> viaCustomer.test(q.customerId(), null)).toList());
    }
}
