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
import org.crmsuite.analytics.event.EventKeys;

import tools.jackson.databind.JsonNode;

/**
 * The parsed histories of the keys folded lately, least recently used evicted beyond {@code capacity} events or
 * {@code maxBytes} of estimated heap in all (whichever comes first; events differ in size, an ERP order with many
 * lines is larger than a ticket event, so the byte bound is what sizes the heap). The projector is the only writer
 * of the streams and tells the cache each event it stores, so a cached history is always the stored one: a refold
 * then costs neither a read nor a JSON parse of the key's past events. Not thread-safe: used under the projector's
 * lock.
 */
final class HistoryCache {

    private final int capacity;
    private final long maxBytes;
    private final LinkedHashMap<String, Entry> histories = new LinkedHashMap<>(1024, 0.75f, true);
    private long events;
    private long bytes;

    /**
     * One key's events and their estimated heap. An event under several keys (a ticket's under {@code ticket:} and
     * {@code customer:}) is one object: each key is charged its share.
     */
    private static final class Entry {
        final List<AnalyticsEvent> events;
        long bytes;

        Entry(List<AnalyticsEvent> events) {
            this.events = events;
            for (AnalyticsEvent event : events) {
                bytes += retainedBytes(event) / Math.max(1, EventKeys.of(event).size());
            }
        }
    }

    HistoryCache(int capacity) {
        this(capacity, Long.MAX_VALUE);
    }

    HistoryCache(int capacity, long maxBytes) {
        this.capacity = capacity;
        this.maxBytes = maxBytes;
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
            Entry entry = histories.get(key);
            List<AnalyticsEvent> history;
            if (entry == null) {
                history = loaded.getOrDefault(key, List.of());
                put(key, new Entry(new ArrayList<>(history)));
            } else {
                history = entry.events;
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
        long size = -1;
        for (String key : keys) {
            Entry entry = histories.get(key);
            if (entry != null) {
                size = size < 0 ? retainedBytes(event) / Math.max(1, keys.size()) : size;
                entry.events.add(event);
                entry.bytes += size;
                events++;
                bytes += size;
            }
        }
    }

    /**
     * The store had no stream for these keys before the batch just stored: their history is that batch's events,
     * which {@link #stored} appends next, so they need no read.
     */
    void created(Collection<String> keys) {
        if (capacity == 0 || maxBytes == 0) {
            return;
        }
        for (String key : keys) {
            if (!histories.containsKey(key)) {
                histories.put(key, new Entry(new ArrayList<>()));
            }
        }
    }

    void clear() {
        histories.clear();
        events = 0;
        bytes = 0;
    }

    /** Events held (an event under two keys counts twice) and their estimated heap, for tests and sizing. */
    long events() {
        return events;
    }

    long bytes() {
        return bytes;
    }

    private void put(String key, Entry entry) {
        Entry old = histories.put(key, entry);
        events += entry.events.size() - (old == null ? 0 : old.events.size());
        bytes += entry.bytes - (old == null ? 0 : old.bytes);
    }

    private void evict() {
        var eldest = histories.entrySet().iterator();
        while ((events > capacity || bytes > maxBytes) && eldest.hasNext()) {
            Entry entry = eldest.next().getValue();
            events -= entry.events.size();
            bytes -= entry.bytes;
            eldest.remove();
        }
    }

    /** Bytes of the event object and its strings, without the payload (calibrated by HeapSizingBenchmark). */
    static final int EVENT_BYTES = 330;
    /** Bytes per payload node (node object, map entry, field name) and per character of text (calibrated likewise). */
    static final int NODE_BYTES = 85;
    static final int CHAR_BYTES = 2;

    /**
     * An estimate of the heap an event holds once parsed: a fixed part for the event and its attribute strings, and
     * per node of the payload tree a fixed part plus its text (a walk of the tree, cheap next to the parse that built
     * it). HeapSizingBenchmark measures the real figure for the benchmark's event mix and checks the estimate against it.
     */
    static long retainedBytes(AnalyticsEvent event) {
        return EVENT_BYTES + (event.data() == null ? 0 : nodeBytes(event.data()));
    }

    private static long nodeBytes(JsonNode node) {
        long size = NODE_BYTES;
        if (node.isContainer()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                size += CHAR_BYTES * (long) field.getKey().length() + nodeBytes(field.getValue());
            }
            if (node.isArray()) {
                for (JsonNode item : node) {
                    size += nodeBytes(item);
                }
            }
        } else if (node.isString()) {
            size += CHAR_BYTES * (long) node.asString().length();
        }
        return size;
    }
}
