package org.crmsuite.customer.orders;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.crmsuite.customer.customer.CustomerRegistered;
import org.crmsuite.customer.customer.CustomersRegistered;
import org.crmsuite.customer.customer.CustomerRegistry;
import org.crmsuite.customer.customer.LifecycleStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The effect of ERP orders on customers: every placed order records the customer's last order date (never moving
 * it backwards), and an order of a PROSPECT or ONBOARDING customer moves it to ACTIVE through the normal lifecycle
 * change (history and {@code crm.customer.lifecycle-stage-changed.v1}). An order for a customer not known here yet
 * is parked in {@code parked_order_event} and applied when that customer is registered.
 */
@Service
public class CustomerOrders {

    /** Who made the change, in history and events. */
    static final String ACTOR = "erp-integration";
    private static final Logger log = LoggerFactory.getLogger(CustomerOrders.class);
    private static final int MAX_MERGE_HOPS = 20;

    /** A placed order as the customer side needs it. */
    public record PlacedOrder(String eventId, String orderId, String label, UUID customerId, String uscc, Instant orderedAt,
                              String payload) {
    }

    private final JdbcClient db;
    private final CustomerRegistry registry;
    private final Clock clock;

    CustomerOrders(JdbcClient db, CustomerRegistry registry, Clock clock) {
        this.db = db;
        this.registry = registry;
        this.clock = clock;
    }

    /** Applies the order to its customer (a merged one's survivor), or parks it when the customer is unknown. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void placed(PlacedOrder order) {
        Optional<UUID> customer = resolve(order.customerId(), order.uscc());
        if (customer.isEmpty()) {
            db.sql("""
                    INSERT INTO parked_order_event (event_id, order_id, order_label, customer_id, uscc, ordered_at, payload, parked_at)
                    VALUES (:event, :order, :label, :customer, :uscc, :at, :payload, :now) ON CONFLICT DO NOTHING""")
                    .param("event", order.eventId()).param("order", order.orderId()).param("label", order.label())
                    .param("customer", order.customerId()).param("uscc", order.uscc())
                    .param("at", Timestamp.from(order.orderedAt())).param("payload", order.payload())
                    .param("now", Timestamp.from(clock.instant())).update();
            log.info("order {} names a customer not known yet (id {}, uscc {}): parked", order.orderId(), order.customerId(), order.uscc());
            return;
        }
        apply(customer.get(), order);
    }

    /** A customer was registered: the orders parked for its id or USCC apply now, in the registration's transaction. */
    @EventListener
    public void onRegistered(CustomerRegistered registered) {
        onRegistered(new CustomersRegistered(List.of(registered)));
    }

    /** A batch of customers was registered (CSV import): one query finds the orders parked for any of them. */
    @EventListener
    public void onRegistered(CustomersRegistered registered) {
        if (registered.customers().isEmpty()) {
            return;
        }
        java.util.StringJoiner ids = new java.util.StringJoiner(",", "{", "}");
        java.util.StringJoiner usccs = new java.util.StringJoiner(",", "{", "}");
        java.util.Map<String, UUID> byUscc = new java.util.HashMap<>();
        for (CustomerRegistered customer : registered.customers()) {
            ids.add(customer.customerId().toString());
            if (customer.uscc() != null) {
                usccs.add("\"" + customer.uscc().replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
                byUscc.putIfAbsent(customer.uscc(), customer.customerId());
            }
        }
        java.util.Set<UUID> known = new java.util.HashSet<>();
        registered.customers().forEach(c -> known.add(c.customerId()));
        List<PlacedOrder> parked = db.sql("""
                        DELETE FROM parked_order_event
                        WHERE customer_id = ANY (CAST(:ids AS UUID[])) OR (uscc IS NOT NULL AND uscc = ANY (CAST(:usccs AS TEXT[])))
                        RETURNING event_id, order_id, order_label, customer_id, uscc, ordered_at, payload""")
                .param("ids", ids.toString()).param("usccs", usccs.toString())
                .query((rs, n) -> new PlacedOrder(rs.getString("event_id"), rs.getString("order_id"), rs.getString("order_label"),
                        rs.getObject("customer_id", UUID.class), rs.getString("uscc"), rs.getTimestamp("ordered_at").toInstant(),
                        rs.getString("payload")))
                .list();
        parked.stream().sorted(java.util.Comparator.comparing(PlacedOrder::orderedAt)).forEach(order -> {
            UUID target = order.customerId() != null && known.contains(order.customerId()) ? order.customerId() : byUscc.get(order.uscc());
            if (target != null) {
                apply(target, order);
            }
        });
    }

    private void apply(UUID customerId, PlacedOrder order) {
        db.sql("UPDATE customer SET last_order_at = :at WHERE id = :id AND (last_order_at IS NULL OR last_order_at < :at)")
                .param("at", Timestamp.from(order.orderedAt())).param("id", customerId).update();
        String stage = db.sql("SELECT lifecycle_stage FROM customer WHERE id = :id").param("id", customerId).query(String.class).single();
        if (LifecycleStage.PROSPECT.name().equals(stage) || LifecycleStage.ONBOARDING.name().equals(stage)) {
            String reason = "first order " + order.label() + " placed on "
                    + order.orderedAt().atZone(ZoneId.of("Asia/Shanghai")).toLocalDate() + " (ERP)";
            List<String> refused = new ArrayList<>();
            if (!registry.changeStageAutomatically(customerId, LifecycleStage.ACTIVE, reason, ACTOR, refused)) {
                log.warn("order {} could not activate customer {}: {}", order.orderId(), customerId, refused);
            }
        }
    }

    /** The customer named by id (following merges to the survivor) or, failing that, by USCC. */
    Optional<UUID> resolve(UUID customerId, String uscc) {
        if (customerId != null) {
            UUID current = customerId;
            for (int hop = 0; hop < MAX_MERGE_HOPS; hop++) {
                Optional<Optional<UUID>> row = db.sql("SELECT merged_into FROM customer WHERE id = :id").param("id", current)
                        .query((rs, n) -> Optional.ofNullable(rs.getObject("merged_into", UUID.class))).optional();
                if (row.isEmpty()) {
                    break; // not known here (yet): try the USCC
                }
                if (row.get().isEmpty()) {
                    return Optional.of(current);
                }
                current = row.get().get(); // merged: the survivor takes the order
            }
        }
        if (uscc != null) {
            return db.sql("SELECT id FROM customer WHERE uscc = :uscc ORDER BY created_at LIMIT 1").param("uscc", uscc)
                    .query(UUID.class).optional();
        }
        return Optional.empty();
    }
}
