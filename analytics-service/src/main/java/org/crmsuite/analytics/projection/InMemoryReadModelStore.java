package org.crmsuite.analytics.projection;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

import org.crmsuite.analytics.event.AnalyticsEvent;
import org.crmsuite.analytics.model.CustomerProfile;
import org.crmsuite.analytics.model.MergeFact;

/** The store in memory: for unit and property tests, and for comparing a rebuild with the live state. */
public class InMemoryReadModelStore implements ReadModelStore {

    private final Map<String, AnalyticsEvent> events = new LinkedHashMap<>();
    private final Map<String, List<AnalyticsEvent>> byKey = new java.util.HashMap<>();
    private final Map<ReadModel, Map<String, Object>> models = new EnumMap<>(ReadModel.class);
    private final Set<String> pending = new java.util.LinkedHashSet<>();
    private final List<ReadModelListener> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Override
    public void addListener(ReadModelListener listener) {
        listeners.add(listener);
    }

    @Override
    public synchronized boolean append(AnalyticsEvent event, Set<String> keys) {
        if (events.containsKey(event.id())) {
            return false;
        }
        events.put(event.id(), event);
        keys.forEach(key -> byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(event));
        return true;
    }

    /** Names the keys this batch created, as the MongoDB store does (so tests exercise the cache's use of it). */
    @Override
    public synchronized Appended appendEvents(List<AnalyticsEvent> batch, java.util.function.Function<AnalyticsEvent, Set<String>> keysOf) {
        List<AnalyticsEvent> stored = new ArrayList<>();
        Set<String> created = new java.util.LinkedHashSet<>();
        for (AnalyticsEvent event : batch) {
            Set<String> keys = keysOf.apply(event);
            keys.stream().filter(key -> !byKey.containsKey(key)).forEach(created::add);
            if (append(event, keys)) {
                stored.add(event);
            }
        }
        return new Appended(stored, created);
    }

    @Override
    public synchronized void markPending360(Collection<String> keys) {
        pending.addAll(keys);
    }

    @Override
    public synchronized void clearPending360(Collection<String> keys) {
        pending.removeAll(keys);
    }

    @Override
    public synchronized List<String> pending360() {
        return List.copyOf(pending);
    }

    @Override
    public synchronized List<AnalyticsEvent> eventsWithAnyKey(Collection<String> keys) {
        Map<String, AnalyticsEvent> found = new LinkedHashMap<>();
        for (String key : keys) {
            byKey.getOrDefault(key, List.of()).forEach(event -> found.putIfAbsent(event.id(), event));
        }
        return List.copyOf(found.values());
    }

    @Override
    public synchronized void forEachEvent(Consumer<AnalyticsEvent> action) {
        List.copyOf(events.values()).forEach(action);
    }

    @Override
    public synchronized long eventCount() {
        return events.size();
    }

    @Override
    public synchronized void put(ReadModel model, String id, Object value) {
        Map<String, Object> documents = models.computeIfAbsent(model, m -> new TreeMap<>());
        if (value == null) {
            documents.remove(id);
        } else {
            documents.put(id, value);
        }
        listeners.forEach(l -> l.written(model, id, value));
    }

    @Override
    public synchronized <T> T get(ReadModel model, String id, Class<T> type) {
        return type.cast(models.getOrDefault(model, Map.of()).get(id));
    }

    @Override
    public synchronized <T> List<T> all(ReadModel model, Class<T> type) {
        return models.getOrDefault(model, Map.of()).values().stream().map(type::cast).toList();
    }

    @Override
    public synchronized List<String> customersWithUscc(String uscc) {
        return all(ReadModel.PROFILE, CustomerProfile.class).stream().filter(p -> p.usccs().contains(uscc))
                .map(CustomerProfile::customerId).toList();
    }

    @Override
    public synchronized List<MergeFact> activeMergesOfLoser(String loserId) {
        return all(ReadModel.MERGE, MergeFact.class).stream().filter(m -> m.active() && loserId.equals(m.loserId())).toList();
    }

    @Override
    public synchronized List<MergeFact> activeMergesInto(Collection<String> survivorIds) {
        return all(ReadModel.MERGE, MergeFact.class).stream().filter(m -> m.active() && survivorIds.contains(m.survivorId())).toList();
    }

    @Override
    public synchronized void dropReadModels() {
        models.clear();
        pending.clear();
        listeners.forEach(ReadModelListener::dropped);
    }

    /** Every read model as a sorted map, to compare two stores. */
    public synchronized Map<ReadModel, Map<String, Object>> snapshot() {
        Map<ReadModel, Map<String, Object>> copy = new EnumMap<>(ReadModel.class);
        models.forEach((model, documents) -> copy.put(model, new TreeMap<>(documents)));
        return copy;
    }
}
