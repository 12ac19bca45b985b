package org.crmsuite.ticket.ticket;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.crmsuite.ticket.TicketServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** The per-year counter hands out each number once, also to concurrent callers (atomic $inc on the wire server). */
@TicketServiceTest
class TicketNumbersTest {

    @Autowired
    TicketNumbers numbers;

    @Test
    void concurrentCallersGetDistinctNumbers() throws Exception {
        Set<String> seen = ConcurrentHashMap.newKeySet();
        List<Callable<Void>> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            calls.add(() -> {
                for (int n = 0; n < 25; n++) {
                    seen.add(numbers.next());
                }
                return null;
            });
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (Future<Void> f : pool.invokeAll(calls)) {
                f.get();
            }
        }
        assertThat(seen).hasSize(200).allMatch(n -> n.matches("T-2026-\\d{6}"));
    }
}
