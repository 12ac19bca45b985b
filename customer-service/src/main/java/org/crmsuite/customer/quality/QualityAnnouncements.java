package org.crmsuite.customer.quality;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.crmsuite.customer.customer.BulkRegistrationAnnouncements;
import org.crmsuite.customer.customer.Customer;
import org.crmsuite.customer.customer.CustomerStatus;
import org.crmsuite.customer.customer.CustomersChanged;
import org.crmsuite.customer.events.CustomerQualityScored;
import org.crmsuite.platform.outbox.Outbox;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Announces {@code crm.customer.quality-scored.v1} when a customer's score differs from the last one announced
 * ({@code customer.quality_announced_score}), in the transaction of the change that moved it: on registration and import,
 * update, stage change, verification, merge and undo ({@link CustomersChanged}), and from the periodic rescoring, where
 * timeliness ages without any write. Erased and merged-away customers are never announced.
 */
@Component
public class QualityAnnouncements implements BulkRegistrationAnnouncements {

    private final JdbcClient jdbc;
    private final Outbox outbox;
    private final Clock clock;

    QualityAnnouncements(JdbcClient jdbc, Outbox outbox, Clock clock) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.clock = clock;
    }

    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    public void on(CustomersChanged changed) {
        announce(changed.customers(), clock.instant());
    }

    /**
     * Scores the customers at {@code now} and announces those whose score changed; returns how many were announced.
     * The conditional update ({@code IS DISTINCT FROM}) is the guard: two transactions finding the same new score
     * (a write and the periodic rescoring) announce it once, because the second sees the first's value after its lock.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public int announce(List<Customer> customers, Instant now) {
        List<Customer> scored = customers.stream()
                .filter(c -> c.status() != CustomerStatus.ERASED && c.status() != CustomerStatus.MERGED).toList();
        if (scored.isEmpty()) {
            return 0;
        }
        Map<UUID, Integer> announced = new HashMap<>();
        jdbc.sql("SELECT id, quality_announced_score FROM customer WHERE id = ANY (:ids)")
                .param("ids", scored.stream().map(Customer::id).toArray(UUID[]::new))
                .query(rs -> {
                    Integer value = rs.getObject(2, Integer.class);
                    announced.put(rs.getObject(1, UUID.class), value);
                });
        List<CustomerQualityScored> events = new ArrayList<>();
        for (Customer customer : scored) {
            QualityScore.Result result = QualityScore.of(customer, now);
            Integer previous = announced.get(customer.id());
            if (previous == null || previous != result.score()) {
                events.add(event(customer, result, previous, now));
            }
        }
        if (events.isEmpty()) {
            return 0;
        }
        // one statement for the whole batch (an import batch has hundreds): only the rows it really changed are announced
        Set<UUID> changed = new HashSet<>(jdbc.sql("""
                        UPDATE customer c SET quality_announced_score = v.score
                        FROM unnest(CAST(:ids AS uuid[]), CAST(:scores AS int[])) AS v(id, score)
                        WHERE c.id = v.id AND c.quality_announced_score IS DISTINCT FROM v.score
                        RETURNING c.id""")
                .param("ids", events.stream().map(CustomerQualityScored::customerId).toArray(UUID[]::new))
                .param("scores", events.stream().map(CustomerQualityScored::score).toArray(Integer[]::new))
                .query(UUID.class).list());
        List<CustomerQualityScored> toAnnounce = events.stream().filter(e -> changed.contains(e.customerId())).toList();
        outbox.recordAll(toAnnounce);
        return toAnnounce.size();
    }

    /**
     * New customers of an import batch: each one's first score is announced (previousScore absent) and written with its
     * row as {@code quality_announced_score}, so no row is read or updated for it. No other transaction can have
     * announced a customer that is not yet committed, so the guard of {@link #announce} has nothing to guard here.
     */
    @Override
    public Prepared prepare(List<Customer> customers) {
        Instant now = clock.instant();
        Map<UUID, Integer> scores = new HashMap<>();
        List<CustomerQualityScored> events = new ArrayList<>();
        for (Customer customer : customers) {
            if (customer.status() == CustomerStatus.ERASED || customer.status() == CustomerStatus.MERGED) {
                continue;
            }
            QualityScore.Result result = QualityScore.of(customer, now);
            scores.put(customer.id(), result.score());
            events.add(event(customer, result, null, now));
        }
        return new Prepared() {
            @Override
            public Integer announcedScore(UUID customerId) {
                return scores.get(customerId);
            }

            @Override
            public void record() {
                outbox.recordAll(events);
            }
        };
    }

    static CustomerQualityScored event(Customer customer, QualityScore.Result result, Integer previous, Instant now) {
        return new CustomerQualityScored(customer.id(), customer.code(), customer.department(), customer.ownerId(), result.score(),
                previous, result.completeness(), result.validity(), result.timeliness(), result.consistency(),
                result.issues().stream().map(i -> new CustomerQualityScored.Issue(i.dimension().name(), i.field(), i.issue())).toList(),
                now);
    }
}
