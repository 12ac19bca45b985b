package org.crmsuite.analytics.projection;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.crmsuite.analytics.event.AnalyticsEvent;
import org.crmsuite.analytics.event.EventKeys;
import org.crmsuite.analytics.model.Customer360;
import org.crmsuite.analytics.model.Customer360Fold;
import org.crmsuite.analytics.model.CustomerProfile;
import org.crmsuite.analytics.model.Folds;
import org.crmsuite.analytics.model.MergeFact;

/**
 * Applies one event: stores it once (a redelivery stops here), then refolds every read model the event touches from
 * that aggregate's whole stored history. Each read model is therefore a pure function of the set of events received,
 * whatever their order; a rebuild refolds every key once and must give the same documents.
 */
public class Projector {

    /** Merges chain (A into B into C); a cycle in bad data must not loop for ever. */
    private static final int MAX_MERGE_DEPTH = 32;

    private final ReadModelStore store;

    public Projector(ReadModelStore store) {
        this.store = store;
    }

    /** @return false when the event was a redelivery and changed nothing */
    public synchronized boolean apply(AnalyticsEvent event) {
        Set<String> keys = EventKeys.of(event);
        if (!store.append(event, keys)) {
            return false;
        }
        refresh(keys);
        return true;
    }

    /** Drops every read model and refolds each key of the stored events once. */
    public synchronized long rebuild() {
        store.dropReadModels();
        Set<String> keys = new TreeSet<>();
        long[] count = {0};
        store.forEachEvent(event -> {
            keys.addAll(EventKeys.of(event));
            count[0]++;
        });
        // one refresh: every merge and profile is folded before the customer 360s, which come last
        refresh(new ArrayList<>(keys));
        return count[0];
    }

    void refresh(Collection<String> keys) {
        Set<String> customers = new LinkedHashSet<>();
        for (String key : keys) {
            String id = EventKeys.id(key);
            List<AnalyticsEvent> history = key.startsWith(EventKeys.USCC) || key.startsWith(EventKeys.CUSTOMER) ? List.of()
                    : store.eventsWithAnyKey(List.of(key));
            if (key.startsWith(EventKeys.TICKET)) {
                store.put(ReadModel.TICKET, id, Folds.ticket(id, history));
            } else if (key.startsWith(EventKeys.OPPORTUNITY)) {
                store.put(ReadModel.OPPORTUNITY, id, Folds.opportunity(id, history));
            } else if (key.startsWith(EventKeys.LEAD)) {
                store.put(ReadModel.LEAD, id, Folds.lead(id, history));
            } else if (key.startsWith(EventKeys.CAMPAIGN)) {
                store.put(ReadModel.CAMPAIGN, id, Folds.campaign(id, history));
            } else if (key.startsWith(EventKeys.ORDER)) {
                store.put(ReadModel.ORDER, id, Folds.order(id, history));
            } else if (key.startsWith(EventKeys.INVOICE)) {
                store.put(ReadModel.INVOICE, id, Folds.invoice(id, history));
            } else if (key.startsWith(EventKeys.MERGE)) {
                MergeFact merge = Folds.merge(id, history);
                store.put(ReadModel.MERGE, id, merge);
                if (merge != null) {
                    customers.add(merge.loserId());
                    customers.add(merge.survivorId());
                }
            } else if (key.startsWith(EventKeys.PROFILE)) {
                store.put(ReadModel.PROFILE, id, Folds.profile(id, history));
                customers.add(id);
            } else if (key.startsWith(EventKeys.CUSTOMER)) {
                customers.add(id);
            } else if (key.startsWith(EventKeys.USCC)) {
                customers.addAll(store.customersWithUscc(id));
            }
        }
        for (String customer : customers) {
            refreshCustomer(customer);
        }
    }

    /** Refolds the 360 of the customer's survivor; a merged-away customer keeps a pointer to it. */
    void refreshCustomer(String customerId) {
        String root = survivorOf(customerId);
        if (!root.equals(customerId)) {
            store.put(ReadModel.CUSTOMER_360, customerId, Customer360.mergedAway(customerId, root));
        }
        Set<String> members = membersOf(root);
        for (String member : members) {
            if (!member.equals(root)) {
                store.put(ReadModel.CUSTOMER_360, member, Customer360.mergedAway(member, root));
            }
        }
        Set<String> keys = new LinkedHashSet<>();
        for (String member : members) {
            keys.add(EventKeys.CUSTOMER + member);
            CustomerProfile profile = store.get(ReadModel.PROFILE, member, CustomerProfile.class);
            if (profile != null) {
                profile.usccs().forEach(uscc -> keys.add(EventKeys.USCC + uscc));
            }
        }
        List<AnalyticsEvent> events = store.eventsWithAnyKey(keys);
        Set<String> merged = new TreeSet<>(members);
        merged.remove(root);
        store.put(ReadModel.CUSTOMER_360, root,
                Customer360Fold.fold(root, merged, store.get(ReadModel.PROFILE, root, CustomerProfile.class), events));
    }

    /** Follows active merges from loser to survivor. */
    public String survivorOf(String customerId) {
        String current = customerId;
        for (int depth = 0; depth < MAX_MERGE_DEPTH; depth++) {
            List<MergeFact> merges = store.activeMergesOfLoser(current);
            if (merges.isEmpty()) {
                return current;
            }
            current = merges.stream().map(MergeFact::survivorId).sorted().findFirst().orElseThrow();
        }
        return current;
    }

    /** The survivor and every customer merged into it, directly or through a chain. */
    public Set<String> membersOf(String root) {
        Set<String> members = new TreeSet<>();
        members.add(root);
        Deque<String> todo = new ArrayDeque<>(List.of(root));
        while (!todo.isEmpty() && members.size() < 10_000) {
            String survivor = todo.pop();
            for (MergeFact merge : store.activeMergesInto(List.of(survivor))) {
                if (members.add(merge.loserId())) {
                    todo.push(merge.loserId());
                }
            }
        }
        return members;
    }
}
