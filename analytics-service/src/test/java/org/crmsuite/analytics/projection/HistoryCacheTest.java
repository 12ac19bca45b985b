package org.crmsuite.analytics.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.crmsuite.analytics.event.AnalyticsEvent;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

class HistoryCacheTest {

    static final JsonMapper JSON = JsonMapper.builder().build();

    static AnalyticsEvent ticketOpened(String id, String ticket, String customer) {
        return new AnalyticsEvent(id, "crm.ticket.opened.v1", "crm.ticket.events", ticket, Instant.parse("2026-12-01T00:00:00Z"), 0, 0,
                JSON.readTree("{\"ticketId\":\"" + ticket + "\",\"customerId\":\"" + customer + "\",\"queue\":\"general\"}"));
    }

    @Test
    void anEventUnderTwoKeysIsChargedHalfToEachAndTheByteBoundEvictsTheLeastRecentlyUsedKeys() {
        AnalyticsEvent first = ticketOpened("e1", "t1", "c1");
        long size = HistoryCache.retainedBytes(first);
        assertThat(size).isGreaterThan(HistoryCache.EVENT_BYTES);

        HistoryCache cache = new HistoryCache(Integer.MAX_VALUE, size); // room for about one event's keys
        cache.created(List.of("ticket:t1", "customer:c1"));
        cache.stored(first, Set.of("ticket:t1", "customer:c1"));
        assertThat(cache.events()).isEqualTo(2);
        assertThat(cache.bytes()).isEqualTo(2 * (size / 2));

        AnalyticsEvent second = ticketOpened("e2", "t2", "c2");
        cache.created(List.of("ticket:t2", "customer:c2"));
        cache.stored(second, Set.of("ticket:t2", "customer:c2"));
        // the next read evicts the eldest keys until the bound holds, and loads what it misses
        Map<String, List<AnalyticsEvent>> read = cache.histories(List.of("ticket:t2", "customer:c2"), keys -> Map.of());
        assertThat(read).containsOnlyKeys("ticket:t2", "customer:c2");
        assertThat(cache.bytes()).isLessThanOrEqualTo(size);
        assertThat(cache.events()).isEqualTo(2);
        boolean[] loaded = {false};
        cache.histories(List.of("ticket:t1"), keys -> {
            loaded[0] = true;
            return Map.of("ticket:t1", List.of(first));
        });
        assertThat(loaded[0]).as("t1 was evicted, so it is read again").isTrue();
    }

    @Test
    void aKeyTheStoreCreatedNeedsNoRead() {
        HistoryCache cache = new HistoryCache(100);
        AnalyticsEvent event = ticketOpened("e1", "t1", "c1");
        cache.created(List.of("ticket:t1"));
        cache.stored(event, Set.of("ticket:t1", "customer:c1"));
        Map<String, List<AnalyticsEvent>> read = cache.histories(List.of("ticket:t1"), keys -> {
            throw new AssertionError("no read for a created stream");
        });
        assertThat(read.get("ticket:t1")).containsExactly(event);
    }
}
