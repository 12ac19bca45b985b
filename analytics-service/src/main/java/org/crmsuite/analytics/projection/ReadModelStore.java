package org.crmsuite.analytics.projection;

import java.util.Collection;
import java.util.List;
import java.util.Set;

import org.crmsuite.analytics.event.AnalyticsEvent;
import org.crmsuite.analytics.model.MergeFact;

/**
 * Where the raw events and the read models live: MongoDB in the service, memory in unit tests. The raw event store
 * keeps every event once by id, indexed by its {@link org.crmsuite.analytics.event.EventKeys keys}.
 */
public interface ReadModelStore {

    /** Stores the event; false when an event with its id is already there (a redelivery). */
    boolean append(AnalyticsEvent event, Set<String> keys);

    List<AnalyticsEvent> eventsWithAnyKey(Collection<String> keys);

    /**
     * Stores the events of a batch, each once: those whose id is already stored, or repeats an earlier one of the
     * batch, are redeliveries and left out of the answer. Each stored event is appended to the stream of every key
     * {@code keysOf} names, in the batch's order.
     */
    default List<AnalyticsEvent> appendAll(List<AnalyticsEvent> events, java.util.function.Function<AnalyticsEvent, Set<String>> keysOf) {
        List<AnalyticsEvent> stored = new java.util.ArrayList<>();
        for (AnalyticsEvent event : events) {
            if (append(event, keysOf.apply(event))) {
                stored.add(event);
            }
        }
        return stored;
    }

    /**
     * What {@link #appendEvents} stored: the new events, and the keys that had no stream before (their history is
     * exactly the batch's events under them; may be empty when the store cannot tell).
     */
    record Appended(List<AnalyticsEvent> stored, Set<String> newKeys) {
    }

    /** {@link #appendAll}, also naming the keys whose streams this batch created. */
    default Appended appendEvents(List<AnalyticsEvent> events, java.util.function.Function<AnalyticsEvent, Set<String>> keysOf) {
        return new Appended(appendAll(events, keysOf), Set.of());
    }

    /**
     * Marks {@code customer:}/{@code uscc:} keys whose events the customer 360s do not show yet (the 360 pass runs
     * after the poll's offsets are committed; the marks survive a crash in between).
     */
    default void markPending360(Collection<String> keys) {
    }

    /** Removes the marks of keys whose 360s were refolded. */
    default void clearPending360(Collection<String> keys) {
    }

    /** The keys marked and not cleared (read at start). */
    default List<String> pending360() {
        return List.of();
    }

    /** The history of each key (keys without events are left out), as {@link #eventsWithAnyKey} gives it for one key. */
    default java.util.Map<String, List<AnalyticsEvent>> histories(Collection<String> keys) {
        java.util.Map<String, List<AnalyticsEvent>> histories = new java.util.LinkedHashMap<>();
        for (String key : keys) {
            List<AnalyticsEvent> events = eventsWithAnyKey(List.of(key));
            if (!events.isEmpty()) {
                histories.put(key, events);
            }
        }
        return histories;
    }

    /** Saves each model under its id, or deletes it when the model is null (one round trip where the store can). */
    default void putAll(ReadModel model, java.util.Map<String, ?> values) {
        values.forEach((id, value) -> put(model, id, value));
    }

    /** The models with these ids that exist. */
    default <T> java.util.Map<String, T> getAll(ReadModel model, Collection<String> ids, Class<T> type) {
        java.util.Map<String, T> found = new java.util.HashMap<>();
        for (String id : ids) {
            T value = get(model, id, type);
            if (value != null) {
                found.put(id, value);
            }
        }
        return found;
    }

    /** Told of every read-model write after it happened (an in-memory mirror of the KPI facts listens). */
    default void addListener(ReadModelListener listener) {
        throw new UnsupportedOperationException("this store tells no listeners");
    }

    /** Every stored event, for a rebuild. */
    void forEachEvent(java.util.function.Consumer<AnalyticsEvent> action);

    long eventCount();

    /** Saves the model under the id, or deletes it when the model is null. */
    void put(ReadModel model, String id, Object value);

    <T> T get(ReadModel model, String id, Class<T> type);

    <T> List<T> all(ReadModel model, Class<T> type);

    /** Ids of the customers whose profile ever held the USCC. */
    List<String> customersWithUscc(String uscc);

    List<MergeFact> activeMergesOfLoser(String loserId);

    List<MergeFact> activeMergesInto(Collection<String> survivorIds);

    /** Drops every read model (not the raw events). */
    void dropReadModels();
}
