package org.crmsuite.notification.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.crmsuite.notification.NotificationTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** Two replicas claiming side by side never get the same delivery (FOR UPDATE SKIP LOCKED). */
class ClaimTest extends NotificationTestSupport {

    @Autowired
    NotificationRepository notifications;

    @Test
    void concurrentClaimsNeverOverlap() throws Exception {
        String event = "claim-test-" + UUID.randomUUID();
        for (int i = 0; i < 300; i++) {
            // a channel no sender delivers quickly matters not: claimed rows are only read here
            notifications.insertIfAbsent(new Notification(UUID.randomUUID(), event, "crm.test.claimed.v1", "claim.user." + i, Channel.IN_APP,
                    "claim.user." + i, "en", "s", "b", false, "PENDING", 0, Instant.now().plus(Duration.ofDays(1)), null, null, null, null, null));
        }
        // make them due all at once, then let four "replicas" race for them
        db.sql("UPDATE notification SET next_attempt_at = now() - interval '1 second' WHERE source_event_id = ?").param(event).update();
        List<Callable<List<UUID>>> replicas = new ArrayList<>();
        for (int r = 0; r < 4; r++) {
            replicas.add(() -> {
                List<UUID> mine = new ArrayList<>();
                for (int round = 0; round < 10; round++) {
                    notifications.claim(25, Duration.ofMinutes(5)).stream().filter(n -> n.sourceEventId().equals(event)).forEach(n -> mine.add(n.id()));
                }
                return mine;
            });
        }
        Set<UUID> seen = new HashSet<>();
        int claimed = 0;
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            for (Future<List<UUID>> f : pool.invokeAll(replicas)) {
                for (UUID id : f.get()) {
                    claimed++;
                    assertThat(seen.add(id)).as("claimed twice: %s", id).isTrue();
                }
            }
        }
        assertThat(claimed).isPositive();
        assertThat(db.sql("SELECT count(*) FROM notification WHERE source_event_id = ? AND attempts > 1").param(event).query(Long.class).single()).isZero();
    }
}
