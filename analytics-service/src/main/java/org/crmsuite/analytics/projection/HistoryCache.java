package org.crmsuite.analytics.projection;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.crmsuite.analytics.event.AnalyticsEvent;

/**
 * The parsed histories of the keys folded lately, least recently used evicted beyond {@code capacity} events in all.
 * The projector is the only writer of the streams and tells the cache each event it stores, so a cached history is
 * always the stored one: a refold then costs neither a read nor a JSON parse of the key's past events. Not
 * thread-safe: used under the projector's lock.
 */
final class HistoryCache {

    private final int capacity;
    private final LinkedHashMap<String, List<AnalyticsEvent>> histories = new LinkedHashMap<>(1024, 0.75f, true);
    private long events;

    HistoryCache(int capacity) {
        this.capacity = capacity;
    }

    /** The histories of the keys (keys without events left out), loading the ones not cached with one call. */
    Map<String, List<AnalyticsEvent>> histories(Collection<String> keys, Function<Collection<String>, Map<String, List<AnalyticsEvent>>> load) {
        Set<String> distinct = new LinkedHashSet<>(keys);
        List<String> missing = new ArrayList<>();
        for (String key : distinct) {
            if (!histories.containsKey(key)) {
                missing.add(key);
            }
        }
        Map<String, List<AnalyticsEvent>> loaded = missing.isEmpty() ? Map.of() : load.apply(missing);
        Map<String, List<AnalyticsEvent>> answer = new LinkedHashMap<>();
        for (String key : distinct) {
            List<AnalyticsEvent> history = histories.get(key);
            if (history == null) {
                history = loaded.getOrDefault(key, List.of());
                put(key, new ArrayList<>(history));
            }
            if (!history.isEmpty()) {
                answer.put(key, List.copyOf(history));
            }
        }
        evict();
        return answer;
    }

    /** An event was stored under these keys: appended to the cached histories (others load it when next read). */
    void stored(AnalyticsEvent event, Set<String> keys) {
        for (String key : keys) {
            List<AnalyticsEvent> history = histories.get(key);
            if (history != null) {
                history.add(event);
                events++;
            }
        }
    }

    void clear() {
        histories.clear();
        events = 0;
    }

    private void put(String key, List<AnalyticsEvent> history) {
        List<AnalyticsEvent> old = histories.put(key, history);
        events += history.size() - (old == null ? 0 : old.size());
    }

    private void evict() {
        var eldest = histories.entrySet().iterator();
        while (events > capacity && eldest.hasNext()) {
            events -= eldest.next().getValue().size();
            eldest.remove();
        }
    }
}
