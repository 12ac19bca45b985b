package org.crmsuite.analytics.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.crmsuite.analytics.event.AnalyticsEvent;
import org.crmsuite.analytics.event.EventKeys;
import org.crmsuite.analytics.projection.InMemoryReadModelStore;
import org.crmsuite.analytics.projection.Projector;
import org.crmsuite.analytics.support.HistoryGenerator;

/**
 * The incremental 360 ({@link Customer360State}: the events of each pass added to what was folded before, only the
 * touched tickets, opportunities, orders and invoices refolded) equals the full refold of the customer's whole event
 * stream ({@link Customer360Fold#fold}), whatever the order, repetition and cutting of the events; and the projector
 * that keeps states (the service's) writes the read models of one that refolds everything every time.
 */
class Customer360StatePropertiesTest {

    /** Every customer's events, shuffled, redelivered and added in random increments: after each, the 360 of a full fold. */
    @Property(tries = 40)
    void addingEventsInAnyOrderAndCuttingGivesTheFullRefold(@ForAll long seed, @ForAll @IntRange(min = 1, max = 15) int maxStep) {
        HistoryGenerator generator = new HistoryGenerator(seed);
        List<AnalyticsEvent> history = generator.generate(HistoryGenerator.Sizes.small());
        List<AnalyticsEvent> delivered = generator.redelivered(history);
        Random random = new Random(seed);
        Set<String> customers = new java.util.TreeSet<>();
        history.forEach(event -> EventKeys.of(event).stream().filter(k -> k.startsWith(EventKeys.CUSTOMER)).map(EventKeys::id).forEach(customers::add));
        for (String customer : customers) {
            // the customer's stream, plus a USCC stream and events of others mixed in (a state ignores what is not its facts')
            List<AnalyticsEvent> stream = delivered.stream()
                    .filter(e -> EventKeys.of(e).contains(EventKeys.CUSTOMER + customer) || EventKeys.of(e).stream().anyMatch(k -> k.startsWith(EventKeys.USCC))
                            || random.nextInt(20) == 0)
                    .toList();
            Set<String> merged = random.nextBoolean() ? Set.of() : Set.of("other");
            List<String> keys = List.of(EventKeys.CUSTOMER + customer);
            CustomerProfile profile = random.nextBoolean() ? null : Folds.profile(customer, history);
            Customer360State state = new Customer360State(customer, merged, keys);
            List<AnalyticsEvent> seen = new ArrayList<>();
            for (int i = 0; i < stream.size(); ) {
                int step = 1 + random.nextInt(maxStep);
                List<AnalyticsEvent> increment = stream.subList(i, Math.min(stream.size(), i + step));
                i += step;
                seen.addAll(increment);
                // a pass hands the state the whole stream it read, old events included, or only what is new
                state.addAll(random.nextBoolean() ? List.copyOf(seen) : increment);
                assertThat(state.view(profile)).isEqualTo(Customer360Fold.fold(customer, merged, profile, seen, keys));
            }
            assertThat(state.size()).isEqualTo(new HashSet<>(stream.stream().map(AnalyticsEvent::id).toList()).size());
            assertThat(state.addAll(stream)).as("a redelivery changes nothing").isEmpty();
            assertThat(state.foldsFor(customer, merged, keys)).isTrue();
            assertThat(state.foldsFor(customer, Set.of("someone"), keys)).isFalse();
            assertThat(state.foldsFor(customer, merged, List.of(EventKeys.CUSTOMER + customer, EventKeys.USCC + "x"))).isFalse();
        }
    }

    /**
     * The service's deferred projector, whose 360 pass keeps states (bounded by a histories cache of a few events to
     * the default and by a tiny byte bound or none, so states are evicted and refolded from scratch too) and skips unchanged 360s, over random polls,
     * passes and restarts, with merges, undos and erasures: the read models of a projector without states that refolds
     * every 360 from its whole history, event by event.
     */
    @Property(tries = 25)
    void theProjectorKeepingStatesWritesTheReadModelsOfFullRefolds(@ForAll long seed, @ForAll @IntRange(min = 1, max = 60) int maxBatch) {
        HistoryGenerator generator = new HistoryGenerator(seed);
        List<AnalyticsEvent> history = generator.generate(HistoryGenerator.Sizes.small());
        List<AnalyticsEvent> delivered = generator.redelivered(history);
        InMemoryReadModelStore full = new InMemoryReadModelStore();
        Projector refoldAll = new Projector(full, 0); // no histories cache, no states: every 360 from its whole history
        delivered.forEach(refoldAll::apply);

        InMemoryReadModelStore incremental = new InMemoryReadModelStore();
        int cache = maxBatch % 3 == 0 ? maxBatch : Projector.DEFAULT_HISTORY_CACHE;
        long bytes = maxBatch % 2 == 0 ? 20_000 : Long.MAX_VALUE; // a byte bound that evicts all the time, or none
        Projector projector = new Projector(incremental, cache, bytes, true);
        Random random = new Random(seed);
        for (int i = 0; i < delivered.size(); ) {
            int size = 1 + random.nextInt(maxBatch);
            projector.applyAll(delivered.subList(i, Math.min(delivered.size(), i + size)));
            i += size;
            int dice = random.nextInt(5);
            if (dice <= 1) {
                projector.refreshPending();
            } else if (dice == 2 && random.nextInt(4) == 0) {
                projector = new Projector(incremental, cache, bytes, true); // a restart: no states, the stored marks
            }
        }
        projector.refreshPending();
        assertThat(incremental.snapshot()).isEqualTo(full.snapshot());
        projector.rebuild();
        assertThat(incremental.snapshot()).isEqualTo(full.snapshot());
    }
}
