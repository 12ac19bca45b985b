package org.crmsuite.analytics.projection;

import java.util.Iterator;
import java.util.LinkedHashMap;

import org.crmsuite.analytics.model.Customer360;
import org.crmsuite.analytics.model.Customer360State;

/**
 * The {@link Customer360State}s of the customers refolded lately, least recently used evicted beyond {@code capacity}
 * events or {@code maxBytes} of their estimated heap in all (the histories cache's bounds, {@code history-cache-events}
 * and {@code history-cache-size}: a state refers to parsed events as the cache does, and may keep some the cache
 * evicted, so each is charged whole here), each with the 360 last written for it, so an unchanged 360 is not
 * replaced. An evicted customer is folded from scratch at its next event. Not thread-safe: used under the projector's
 * lock.
 */
final class Customer360States {

    private static final class Entry {
        final Customer360State state;
        int counted;
        long bytes;
        /** The 360 the store holds for the customer, when this projector wrote it (null: not known). */
        Customer360 written;

        Entry(Customer360State state) {
            this.state = state;
        }
    }

    private final int capacity;
    private final long maxBytes;
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(256, 0.75f, true);
    private long events;
    private long bytes;

    /**
     * @param capacity events the states may hold in all; 0: keep none (every 360 is folded from its whole history)
     * @param maxBytes their estimated heap in all (0: keep none)
     */
    Customer360States(int capacity, long maxBytes) {
        this.capacity = Math.max(0, capacity);
        this.maxBytes = Math.max(0, maxBytes);
    }

    boolean enabled() {
        return capacity > 0 && maxBytes > 0;
    }

    Customer360State get(String customerId) {
        Entry entry = entries.get(customerId);
        return entry == null ? null : entry.state;
    }

    /**
     * Keeps the state after events were added to it ({@code addedBytes}: their estimated heap; a new state's is all
     * of its events'), evicting the least recently used.
     */
    void put(String customerId, Customer360State state, long addedBytes) {
        Entry entry = entries.get(customerId);
        if (entry == null || entry.state != state) {
            remove(customerId);
            entry = new Entry(state);
            entries.put(customerId, entry);
        } else {
            events -= entry.counted;
        }
        entry.counted = Math.max(1, state.size());
        events += entry.counted;
        entry.bytes += addedBytes;
        bytes += addedBytes;
        Iterator<Entry> eldest = entries.values().iterator();
        while ((events > capacity || bytes > maxBytes) && eldest.hasNext()) {
            Entry evicted = eldest.next();
            events -= evicted.counted;
            bytes -= evicted.bytes;
            eldest.remove();
        }
    }

    /** True when the store holds this very 360 for the customer (written by this projector since its state was kept). */
    boolean unchanged(String customerId, Customer360 view) {
        Entry entry = entries.get(customerId);
        return entry != null && view.equals(entry.written);
    }

    /** The store now holds {@code view} for the customer. */
    void written(String customerId, Customer360 view) {
        Entry entry = entries.get(customerId);
        if (entry != null) {
            entry.written = view;
        }
    }

    /** What the store holds for the customer is no longer known (a failed write). */
    void unknown(String customerId) {
        Entry entry = entries.get(customerId);
        if (entry != null) {
            entry.written = null;
        }
    }

    void remove(String customerId) {
        Entry entry = entries.remove(customerId);
        if (entry != null) {
            events -= entry.counted;
            bytes -= entry.bytes;
        }
    }

    void clear() {
        entries.clear();
        events = 0;
        bytes = 0;
    }
}
