package org.crmsuite.analytics.projection;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.crmsuite.analytics.event.AnalyticsEvent;
import org.crmsuite.analytics.event.EventKeys;
import org.crmsuite.analytics.model.Customer360;
import org.crmsuite.analytics.model.Customer360Fold;
import org.crmsuite.analytics.model.Customer360State;
import org.crmsuite.analytics.model.CustomerProfile;
import org.crmsuite.analytics.model.Folds;
import org.crmsuite.analytics.model.MergeFact;

/**
 * Applies events: stores each once (a redelivery stops here), then refolds every read model the events touch from
 * that aggregate's whole stored history. Each read model is therefore a pure function of the set of events received,
 * whatever their order; a rebuild refolds every key once and must give the same documents.
 * <p>
 * Two passes when {@code deferCustomers} (the service): the intake's pass stores the events and writes the KPI facts
 * (tickets, opportunities, orders, profiles ...), then only marks the touched customers' 360s as pending; a second,
 * coalescing pass ({@link #refreshPending}, run by {@link Customer360Refresher}) refolds each pending 360 once,
 * however many polls touched it since the last pass. The pending marks are stored (one bulk per poll) before the
 * poll's offsets are committed, so a crash between the passes is repaired at the next start. Without
 * {@code deferCustomers} (unit tests) one call does both passes.
 */
public class Projector {
    // One instance per service: the merge graph below is kept in memory and the lock is per instance (README).

    /** Merges chain (A into B into C); a cycle in bad data must not loop for ever. */
    private static final int MAX_MERGE_DEPTH = 32;

    /** Events whose parsed histories the projector keeps by default (see {@link HistoryCache}). */
    public static final int DEFAULT_HISTORY_CACHE = 100_000;

    private final ReadModelStore store;
    private final HistoryCache cache;
    /** The folded 360 of recently refolded customers, so a pass refolds only the entities its new events touch. */
    private final Customer360States states;
    private final boolean deferCustomers;
    /** Fair: the intake and the 360 pass take turns, so neither waits behind a queue of the other's turns. */
    private final ReentrantLock lock = new ReentrantLock(true);
    private final Condition pendingArrived = lock.newCondition();
    /** The {@code customer:} and {@code uscc:} keys whose events the 360s do not show yet (deferred mode). */
    private final Set<String> pending360 = new LinkedHashSet<>();
    /** The events of those keys, to tell when their effect on the 360 became visible (freshness). */
    private List<AnalyticsEvent> pendingEvents = new ArrayList<>();
    private boolean recovered;

    public Projector(ReadModelStore store) {
        this(store, DEFAULT_HISTORY_CACHE);
    }

    /** @param historyCacheEvents events kept parsed in memory, least recently folded keys evicted first (0: none) */
    public Projector(ReadModelStore store, int historyCacheEvents) {
        this(store, historyCacheEvents, false);
    }

    /**
     * @param deferCustomers true: {@link #applyAll} writes the KPI facts and leaves the customer 360s to
     *                       {@link #refreshPending}; false: it writes both
     */
    public Projector(ReadModelStore store, int historyCacheEvents, boolean deferCustomers) {
        this(store, historyCacheEvents, Long.MAX_VALUE, deferCustomers);
    }

    /** @param historyCacheBytes estimated heap the histories cache may hold (the first of the two bounds reached evicts) */
    public Projector(ReadModelStore store, int historyCacheEvents, long historyCacheBytes, boolean deferCustomers) {
        this.store = store;
        this.cache = new HistoryCache(historyCacheEvents, historyCacheBytes);
        this.states = new Customer360States(historyCacheEvents, historyCacheBytes);
        this.deferCustomers = deferCustomers;
        this.recovered = !deferCustomers;
    }

    private Map<String, List<AnalyticsEvent>> histories(Collection<String> keys) {
        return cache.histories(keys, store::histories);
    }

    /** Keys whose histories are read and whose models are written per round trip (bounds memory in a rebuild). */
    private static final int CHUNK = 1_000;
    /**
     * Customers the 360 pass refolds per turn of the lock, so a poll waits for at most one such turn (2.5-3.6 ms per
     * customer in the benchmark; a 500-customer turn held the intake for seconds on the loaded machine). 20 was tried
     * too and measured no better (more round trips per pass; docs/benchmarks/analytics-service.md).
     */
    private static final int PASS_CHUNK = 50;

    /** @return false when the event was a redelivery and changed nothing */
    public boolean apply(AnalyticsEvent event) {
        return !applyAll(List.of(event)).isEmpty();
    }

    /**
     * Applies a batch (a Kafka poll): stores each new event once, then refolds every key the new events touch once,
     * reading the histories and writing the models in bulk. The result equals applying the events one by one, as
     * each model is a pure function of its key's stored history. In deferred mode the customer 360s it touches are
     * only marked pending (stored, and refolded by the next {@link #refreshPending}).
     *
     * @return the events that were new (redeliveries left out)
     */
    public List<AnalyticsEvent> applyAll(List<AnalyticsEvent> events) {
        lock.lock();
        try {
            ReadModelStore.Appended appended = store.appendEvents(events, EventKeys::of);
            // keys the store had no stream for: their history is exactly this batch's events, no read needed
            cache.created(appended.newKeys());
            Set<String> keys = new LinkedHashSet<>();
            for (AnalyticsEvent event : appended.stored()) {
                Set<String> eventKeys = EventKeys.of(event);
                cache.stored(event, eventKeys);
                keys.addAll(eventKeys);
            }
            Set<String> customerKeys = refreshFacts(keys);
            if (!deferCustomers) {
                refreshCustomerKeys(customerKeys);
            } else if (!appended.stored().isEmpty()) {
                List<String> marks = customerKeys.stream().filter(key -> !pending360.contains(key)).toList();
                store.markPending360(marks);
                pending360.addAll(customerKeys);
                pendingEvents.addAll(appended.stored());
                pendingArrived.signalAll();
            }
            return appended.stored();
        } finally {
            lock.unlock();
        }
    }

    /** Drops every read model and refolds each key of the stored events once (the 360s too, whatever the mode). */
    public long rebuild() {
        lock.lock();
        try {
            store.dropReadModels();
            merges = new HashMap<>();
            mergeIndex = null;
            cache.clear();
            states.clear();
            pending360.clear();
            Set<String> keys = new TreeSet<>();
            long[] count = {0};
            store.forEachEvent(event -> {
                keys.addAll(EventKeys.of(event));
                count[0]++;
            });
            // every merge and profile is folded before the customer 360s, which come last
            refreshCustomerKeys(refreshFacts(new ArrayList<>(keys)));
            pendingArrived.signalAll(); // events waiting for the 360 pass are in the rebuilt 360s: tell their observers
            return count[0];
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits up to {@code timeout} for customer 360s to refold.
     *
     * @return true when some are pending (or events wait to be reported as visible)
     */
    public boolean awaitPending(java.time.Duration timeout) throws InterruptedException {
        lock.lock();
        try {
            long nanos = timeout.toNanos();
            while (recovered && pending360.isEmpty() && pendingEvents.isEmpty() && nanos > 0) {
                nanos = pendingArrived.awaitNanos(nanos);
            }
            return !recovered || !pending360.isEmpty() || !pendingEvents.isEmpty();
        } finally {
            lock.unlock();
        }
    }

    /**
     * The second pass: refolds the 360 of every customer whose events arrived since the last pass, each once, in
     * chunks of {@value #CHUNK}/2 customers (the intake may take its turn between two chunks). The first pass after
     * a start also takes the marks a crash left.
     *
     * @return the events whose effect on the 360s is now visible, and how many keys the pass refolded
     */
    public Pass refreshPending() {
        List<String> taken;
        List<AnalyticsEvent> events;
        lock.lock();
        try {
            if (!recovered) {
                pending360.addAll(store.pending360());
                recovered = true;
            }
            taken = List.copyOf(pending360);
            pending360.clear();
            events = pendingEvents;
            pendingEvents = new ArrayList<>();
        } finally {
            lock.unlock();
        }
        int done = 0;
        try {
            for (; done < taken.size(); done += PASS_CHUNK) {
                List<String> chunk = taken.subList(done, Math.min(taken.size(), done + PASS_CHUNK));
                lock.lock();
                try {
                    refreshCustomerKeys(chunk);
                } finally {
                    lock.unlock();
                }
            }
            lock.lock();
            try {
                // a key marked again meanwhile keeps its mark for the next pass
                store.clearPending360(taken.stream().filter(key -> !pending360.contains(key)).toList());
            } finally {
                lock.unlock();
            }
        } catch (RuntimeException e) {
            lock.lock();
            try {
                pending360.addAll(taken.subList(done, taken.size()));
                pendingEvents.addAll(0, events);
            } finally {
                lock.unlock();
            }
            throw e;
        }
        return new Pass(events, taken.size());
    }

    /** What one 360 pass did: the events it made visible and the {@code customer:}/{@code uscc:} keys it refolded. */
    public record Pass(List<AnalyticsEvent> events, int keys) {
    }

    /**
     * Refolds the fact read models (everything but the 360s) of the keys.
     *
     * @return the {@code customer:} and {@code uscc:} keys whose customers' 360s the events change
     */
    private Set<String> refreshFacts(Collection<String> keys) {
        Set<String> customers = new LinkedHashSet<>();
        List<String> direct = keys.stream().filter(k -> !k.startsWith(EventKeys.USCC) && !k.startsWith(EventKeys.CUSTOMER)).toList();
        for (int i = 0; i < direct.size(); i += CHUNK) {
            List<String> chunk = direct.subList(i, Math.min(direct.size(), i + CHUNK));
            Map<String, List<AnalyticsEvent>> histories = histories(chunk);
            Map<ReadModel, Map<String, Object>> writes = new EnumMap<>(ReadModel.class);
            for (String key : chunk) {
                String id = EventKeys.id(key);
                List<AnalyticsEvent> history = histories.getOrDefault(key, List.of());
                if (key.startsWith(EventKeys.TICKET)) {
                    write(writes, ReadModel.TICKET, id, Folds.ticket(id, history));
                } else if (key.startsWith(EventKeys.OPPORTUNITY)) {
                    write(writes, ReadModel.OPPORTUNITY, id, Folds.opportunity(id, history));
                } else if (key.startsWith(EventKeys.LEAD)) {
                    write(writes, ReadModel.LEAD, id, Folds.lead(id, history));
                } else if (key.startsWith(EventKeys.CAMPAIGN)) {
                    write(writes, ReadModel.CAMPAIGN, id, Folds.campaign(id, history));
                } else if (key.startsWith(EventKeys.ORDER)) {
                    write(writes, ReadModel.ORDER, id, Folds.order(id, history));
                } else if (key.startsWith(EventKeys.INVOICE)) {
                    write(writes, ReadModel.INVOICE, id, Folds.invoice(id, history));
                } else if (key.startsWith(EventKeys.MERGE)) {
                    MergeFact merge = Folds.merge(id, history);
                    write(writes, ReadModel.MERGE, id, merge);
                    if (merge != null) {
                        customers.add(EventKeys.CUSTOMER + merge.loserId());
                        customers.add(EventKeys.CUSTOMER + merge.survivorId());
                    }
                } else if (key.startsWith(EventKeys.PROFILE)) {
                    write(writes, ReadModel.PROFILE, id, Folds.profile(id, history));
                    write(writes, ReadModel.QUALITY, id, Folds.quality(id, history));
                    customers.add(EventKeys.CUSTOMER + id);
                }
            }
            writes.forEach((model, values) -> {
                store.putAll(model, values);
                if (model == ReadModel.MERGE) {
                    Map<String, MergeFact> graph = merges();
                    values.forEach((id, value) -> {
                        if (value == null) {
                            graph.remove(id);
                        } else {
                            graph.put(id, (MergeFact) value);
                        }
                    });
                    mergeIndex = null;
                }
            });
        }
        for (String key : keys) {
            if (key.startsWith(EventKeys.CUSTOMER) || key.startsWith(EventKeys.USCC)) {
                customers.add(key);
            }
        }
        return customers;
    }

    /** Refolds the 360s of the customers of {@code customer:} keys and of the customers whose profile held a {@code uscc:}. */
    private void refreshCustomerKeys(Collection<String> keys) {
        Set<String> customers = new LinkedHashSet<>();
        for (String key : keys) {
            if (key.startsWith(EventKeys.CUSTOMER)) {
                customers.add(EventKeys.id(key));
            } else if (key.startsWith(EventKeys.USCC)) {
                customers.addAll(store.customersWithUscc(EventKeys.id(key)));
            }
        }
        List<String> list = List.copyOf(customers);
        for (int i = 0; i < list.size(); i += CHUNK / 2) {
            refreshCustomers(list.subList(i, Math.min(list.size(), i + CHUNK / 2)));
        }
    }

    private static void write(Map<ReadModel, Map<String, Object>> writes, ReadModel model, String id, Object value) {
        writes.computeIfAbsent(model, m -> new LinkedHashMap<>()).put(id, value);
    }

    /**
     * Refolds the 360s of the customers' survivors (merged-away customers keep a pointer to theirs): one read of the
     * members' profiles, one of their histories and one bulk write for the whole list.
     */
    private void refreshCustomers(List<String> customerIds) {
        Map<String, String> rootOf = new LinkedHashMap<>();
        Map<String, Set<String>> membersOf = new HashMap<>();
        Set<String> allMembers = new LinkedHashSet<>();
        for (String customerId : customerIds) {
            String root = rootOf.computeIfAbsent(customerId, this::survivorOf);
            Set<String> members = membersOf.computeIfAbsent(root, this::membersOf);
            allMembers.addAll(members);
        }
        Map<String, CustomerProfile> profiles = store.getAll(ReadModel.PROFILE, allMembers, CustomerProfile.class);
        Map<String, List<String>> keysOf = new HashMap<>();
        Set<String> allKeys = new LinkedHashSet<>();
        membersOf.forEach((root, members) -> {
            Set<String> keys = new LinkedHashSet<>();
            for (String member : members) {
                keys.add(EventKeys.CUSTOMER + member);
                CustomerProfile profile = profiles.get(member);
                if (profile != null) {
                    profile.usccs().forEach(uscc -> keys.add(EventKeys.USCC + uscc));
                }
            }
            keysOf.put(root, List.copyOf(keys));
            allKeys.addAll(keys);
        });
        Map<String, List<AnalyticsEvent>> histories = histories(allKeys);
        Map<String, Object> writes = new LinkedHashMap<>();
        Map<String, Customer360> folded = new HashMap<>();
        for (String customerId : customerIds) {
            String root = rootOf.get(customerId);
            if (!root.equals(customerId)) {
                writes.put(customerId, Customer360.mergedAway(customerId, root));
            }
            Set<String> members = membersOf.get(root);
            for (String member : members) {
                if (!member.equals(root)) {
                    writes.put(member, Customer360.mergedAway(member, root));
                }
            }
            if (!folded.containsKey(root)) {
                Customer360 view = fold360(root, members, profiles.get(root), keysOf.get(root), histories);
                folded.put(root, view);
                if (states.unchanged(root, view)) {
                    continue; // its stored 360 is this one already (replace only changed 360s)
                }
                writes.put(root, view);
            }
        }
        // a merged-away customer's document is now a pointer: a state kept for it no longer says what is stored
        writes.keySet().stream().filter(id -> !folded.containsKey(id)).forEach(states::remove);
        try {
            store.putAll(ReadModel.CUSTOMER_360, writes);
        } catch (RuntimeException e) {
            folded.keySet().forEach(states::unknown); // the bulk may have written some: compare with nothing next time
            throw e;
        }
        folded.forEach(states::written);
    }

    /**
     * The 360 of a survivor from the events of its streams: the new events added to the state kept from its last
     * fold when that state was folded for the same members and stream keys (so it holds a subset of these events),
     * else a fold from scratch (a merge, its undo, an erasure, a new USCC, a restart or a state evicted).
     */
    private Customer360 fold360(String root, Set<String> members, CustomerProfile profile, List<String> keys,
                                Map<String, List<AnalyticsEvent>> histories) {
        Set<String> merged = new TreeSet<>(members);
        merged.remove(root);
        List<AnalyticsEvent> events = new ArrayList<>();
        for (String key : keys) {
            events.addAll(histories.getOrDefault(key, List.of()));
        }
        if (!states.enabled()) {
            return Customer360Fold.fold(root, merged, profile, events, keys);
        }
        Customer360State state = states.get(root);
        if (state == null || !state.foldsFor(root, merged, keys)) {
            state = new Customer360State(root, merged, keys);
        }
        long bytes = 0;
        for (AnalyticsEvent event : state.addAll(events)) {
            bytes += HistoryCache.retainedBytes(event);
        }
        states.put(root, state, bytes);
        return state.view(profile);
    }

    // ---- the merge graph, in memory: merges are few and only this projector writes them -----------------------

    private Map<String, MergeFact> merges;
    private MergeIndex mergeIndex;

    private record MergeIndex(Map<String, List<String>> survivorsOfLoser, Map<String, List<String>> losersInto) {
    }

    private Map<String, MergeFact> merges() {
        if (merges == null) {
            merges = new HashMap<>();
            store.all(ReadModel.MERGE, MergeFact.class).forEach(m -> merges.put(m.mergeId(), m));
        }
        return merges;
    }

    private MergeIndex mergeIndex() {
        if (mergeIndex == null) {
            Map<String, List<String>> survivors = new HashMap<>();
            Map<String, List<String>> losers = new HashMap<>();
            merges().values().stream().filter(MergeFact::active).forEach(m -> {
                survivors.computeIfAbsent(m.loserId(), k -> new ArrayList<>()).add(m.survivorId());
                losers.computeIfAbsent(m.survivorId(), k -> new ArrayList<>()).add(m.loserId());
            });
            survivors.values().forEach(java.util.Collections::sort);
            mergeIndex = new MergeIndex(survivors, losers);
        }
        return mergeIndex;
    }

    /** Follows active merges from loser to survivor. */
    public String survivorOf(String customerId) {
        lock.lock();
        try {
            return survivorOfLocked(customerId);
        } finally {
            lock.unlock();
        }
    }

    private String survivorOfLocked(String customerId) {
        String current = customerId;
        for (int depth = 0; depth < MAX_MERGE_DEPTH; depth++) {
            List<String> survivors = mergeIndex().survivorsOfLoser().get(current);
            if (survivors == null || survivors.isEmpty()) {
                return current;
            }
            current = survivors.get(0);
        }
        return current;
    }

    /** The survivor and every customer merged into it, directly or through a chain. */
    public Set<String> membersOf(String root) {
        lock.lock();
        try {
            return membersOfLocked(root);
        } finally {
            lock.unlock();
        }
    }

    private Set<String> membersOfLocked(String root) {
        Set<String> members = new TreeSet<>();
        members.add(root);
        Deque<String> todo = new ArrayDeque<>(List.of(root));
        while (!todo.isEmpty() && members.size() < 10_000) {
            String survivor = todo.pop();
            for (String loser : mergeIndex().losersInto().getOrDefault(survivor, List.of())) {
                if (members.add(loser)) {
                    todo.push(loser);
                }
            }
        }
        return members;
    }
}
