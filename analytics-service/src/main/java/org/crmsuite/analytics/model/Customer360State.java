package org.crmsuite.analytics.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiFunction;

import org.crmsuite.analytics.event.AnalyticsEvent;

/**
 * What a customer's 360 is folded from, kept between passes so a new event refolds only the ticket, opportunity,
 * order or invoice it belongs to instead of the customer's whole history (issue 7/11: the full refold was ~30 % of a
 * 360 pass). The 360 is a function of its facts, and each fact a function of the set of its entity's events among
 * the customer's (every fold sorts and de-duplicates), so adding events in any order, twice or in any batching gives
 * exactly {@link Customer360Fold#fold} of their union ({@code Customer360StatePropertiesTest}).
 * <p>
 * Only valid while the events it holds are a subset of what the customer's streams hold: the caller keeps one per
 * survivor for one set of members and stream keys, and refolds from scratch when either changes (a merge, its undo,
 * an erasure or a new USCC) or after a rebuild. Not thread-safe.
 */
public final class Customer360State {

    private final String customerId;
    private final Set<String> mergedCustomerIds;
    private final List<String> eventKeys;
    private final Set<String> eventIds = new HashSet<>();
    private final Facts<TicketFact> tickets = new Facts<>("crm.ticket.", "ticketId", Folds::ticket);
    private final Facts<OpportunityFact> opportunities = new Facts<>("crm.opportunity.", "opportunityId", Folds::opportunity);
    private final Facts<OrderFact> orders = new Facts<>("erp.order.", "orderId", Folds::order);
    private final Facts<InvoiceFact> invoices = new Facts<>("finance.invoice.", "invoiceId", Folds::invoice);

    public Customer360State(String customerId, Set<String> mergedCustomerIds, List<String> eventKeys) {
        this.customerId = customerId;
        this.mergedCustomerIds = Set.copyOf(mergedCustomerIds);
        this.eventKeys = List.copyOf(eventKeys);
    }

    /** True when this state was folded for the same survivor, members and stream keys, so new events may be added. */
    public boolean foldsFor(String customerId, Set<String> mergedCustomerIds, List<String> eventKeys) {
        return this.customerId.equals(customerId) && this.mergedCustomerIds.equals(mergedCustomerIds) && this.eventKeys.equals(eventKeys);
    }

    /**
     * Adds the events not added before (by id; a redelivery or the same event under two of the customer's keys
     * changes nothing) and refolds each entity they touch once.
     *
     * @return the events that were new (empty: nothing changed)
     */
    public List<AnalyticsEvent> addAll(Collection<AnalyticsEvent> events) {
        List<AnalyticsEvent> added = new ArrayList<>();
        for (AnalyticsEvent event : events) {
            if (!eventIds.add(event.id())) {
                continue;
            }
            added.add(event);
            if (!tickets.add(event) && !opportunities.add(event) && !orders.add(event)) {
                invoices.add(event);
            }
        }
        if (!added.isEmpty()) {
            tickets.refold();
            opportunities.refold();
            orders.refold();
            invoices.refold();
        }
        return added;
    }

    /** Events added (what a bound on the memory of kept states counts). */
    public int size() {
        return eventIds.size();
    }

    /** The 360 of the events added so far, with the customer's current profile (a fact of its own, read each time). */
    public Customer360 view(CustomerProfile profile) {
        return Customer360Fold.assemble(customerId, mergedCustomerIds, profile, tickets.list(), opportunities.list(), orders.list(),
                invoices.list(), eventKeys);
    }

    /** One kind of fact: its events by entity id and each entity's fold, in id order as {@link Customer360Fold#facts} gives them. */
    private static final class Facts<T> {
        private final String prefix;
        private final String idField;
        private final BiFunction<String, List<AnalyticsEvent>, T> fold;
        private final Map<String, List<AnalyticsEvent>> events = new TreeMap<>();
        private final Map<String, T> folded = new TreeMap<>();
        private final Set<String> touched = new HashSet<>();
        private List<T> list = List.of();

        Facts(String prefix, String idField, BiFunction<String, List<AnalyticsEvent>, T> fold) {
            this.prefix = prefix;
            this.idField = idField;
            this.fold = fold;
        }

        boolean add(AnalyticsEvent event) {
            String id = event.text(idField);
            if (!event.type().startsWith(prefix) || id == null) {
                return false;
            }
            events.computeIfAbsent(id, k -> new ArrayList<>()).add(event);
            touched.add(id);
            return true;
        }

        void refold() {
            if (touched.isEmpty()) {
                return;
            }
            for (String id : touched) {
                T fact = fold.apply(id, events.get(id));
                if (fact == null) {
                    folded.remove(id);
                } else {
                    folded.put(id, fact);
                }
            }
            touched.clear();
            list = List.copyOf(folded.values());
        }

        List<T> list() {
            return list;
        }
    }
}
