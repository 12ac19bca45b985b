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
