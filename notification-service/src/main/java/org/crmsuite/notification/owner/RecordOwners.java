package org.crmsuite.notification.owner;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.crmsuite.platform.events.InboundEvent;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The local projection of who owns which customer and opportunity, kept from {@code crm.customer.*} and
 * {@code crm.opportunity.*} events (upserts, so a replay or a redelivery changes nothing), and the events that wait
 * for an owner this projection does not know yet.
 */
@Repository
public class RecordOwners {

    private static final int MAX_REDIRECTS = 10;

    private final JdbcClient db;
    private final JsonMapper json;

    RecordOwners(JdbcClient db, JsonMapper json, MeterRegistry meters) {
        this.db = db;
        this.json = json;
        Gauge.builder("crm.notification.waiting.events", this, RecordOwners::waiting)
                .description("Events waiting for the owner of their customer or opportunity to become known").register(meters);
    }

    /** What an event names: its customer (by id or USCC) and opportunity. */
    public record Keys(UUID customerId, String uscc, UUID opportunityId) {
        public static Keys of(JsonNode payload) {
            return new Keys(uuid(payload, "customerId"), text(payload, "uscc"), uuid(payload, "opportunityId"));
        }

        public boolean any() {
            return customerId != null || uscc != null || opportunityId != null;
        }
    }

    /** The customer as far as this service knows it. */
    public record Customer(UUID customerId, String code, String legalName, String ownerId) {
    }

    /**
     * Applies a customer or opportunity event to the projection. @return the keys it taught (empty when the event
     * says nothing about owners)
     */
    public Optional<Keys> apply(InboundEvent event) {
        JsonNode data = event.data();
        if (event.type().startsWith("crm.customer.") || event.type().startsWith("crm.opportunity.")) {
            lock();
        }
        switch (event.type()) {
            case "crm.customer.created.v1" -> {
                UUID id = uuid(data, "customerId");
                if (id == null) {
                    return Optional.empty();
                }
                db.sql("""
                        INSERT INTO customer_owner (customer_id, code, legal_name, uscc, owner_id) VALUES (:id, :code, :name, :uscc, :owner)
                        ON CONFLICT (customer_id) DO UPDATE SET code = EXCLUDED.code, legal_name = EXCLUDED.legal_name, uscc = EXCLUDED.uscc,
                            owner_id = EXCLUDED.owner_id, updated_at = now()""")
                        .param("id", id).param("code", text(data, "code")).param("name", text(data, "legalName"))
                        .param("uscc", text(data, "uscc")).param("owner", text(data, "ownerId")).update();
                return Optional.of(new Keys(id, text(data, "uscc"), null));
            }
            case "crm.customer.updated.v1" -> {
                UUID id = uuid(data, "customerId");
                JsonNode changed = data.get("changedFields");
                JsonNode changes = data.get("changes");
                if (id == null || changed == null || !changed.isArray() || changes == null || !changes.isObject()) {
                    return Optional.empty();
                }
                List<String> fields = new ArrayList<>();
                changed.forEach(f -> fields.add(f.asString()));
                if (fields.stream().noneMatch(f -> f.equals("ownerId") || f.equals("uscc") || f.equals("legalName"))) {
                    return Optional.empty();
                }
                db.sql("INSERT INTO customer_owner (customer_id, code) VALUES (:id, :code) ON CONFLICT (customer_id) DO NOTHING")
                        .param("id", id).param("code", text(data, "code")).update();
                for (String field : fields) {
                    String column = switch (field) {
                        case "ownerId" -> "owner_id";
                        case "uscc" -> "uscc";
                        case "legalName" -> "legal_name";
                        default -> null;
                    };
                    if (column != null) { // a field cleared to null is absent from changes
                        db.sql("UPDATE customer_owner SET " + column + " = :value, updated_at = now() WHERE customer_id = :id")
                                .param("value", text(changes, field)).param("id", id).update();
                    }
                }
                return Optional.of(new Keys(id, db.sql("SELECT uscc FROM customer_owner WHERE customer_id = ?").param(id)
                        .query(String.class).optional().orElse(null), null));
            }
            case "crm.customer.merged.v1" -> {
                UUID loser = uuid(data, "loserId");
                UUID survivor = uuid(data, "survivorId");
                if (loser == null || survivor == null) {
                    return Optional.empty();
                }
                db.sql("""
                        INSERT INTO customer_owner (customer_id, code, merged_into) VALUES (:loser, :code, :survivor)
                        ON CONFLICT (customer_id) DO UPDATE SET merged_into = EXCLUDED.merged_into, updated_at = now()""")
                        .param("loser", loser).param("code", text(data, "loserCode")).param("survivor", survivor).update();
                return Optional.of(new Keys(loser, null, null));
            }
            case "crm.customer.erased.v1" -> { // consumers erase their copies of names and USCC, and keep the id
                UUID id = uuid(data, "customerId");
                if (id != null) {
                    db.sql("UPDATE customer_owner SET legal_name = NULL, uscc = NULL, updated_at = now() WHERE customer_id = ?").param(id).update();
                }
                return Optional.empty();
            }
            case "crm.customer.merge-undone.v1" -> {
                UUID loser = uuid(data, "loserId");
                if (loser == null) {
                    return Optional.empty();
                }
                db.sql("UPDATE customer_owner SET merged_into = NULL, updated_at = now() WHERE customer_id = ?").param(loser).update();
                return Optional.of(new Keys(loser, null, null));
            }
            default -> {
                if (event.type().startsWith("crm.opportunity.")) {
                    UUID id = uuid(data, "opportunityId");
                    String owner = text(data, "ownerId");
                    if (id == null || owner == null) {
                        return Optional.empty();
                    }
                    db.sql("""
                            INSERT INTO opportunity_owner (opportunity_id, customer_id, owner_id) VALUES (:id, :customer, :owner)
                            ON CONFLICT (opportunity_id) DO UPDATE SET customer_id = COALESCE(EXCLUDED.customer_id, opportunity_owner.customer_id),
                                owner_id = EXCLUDED.owner_id, updated_at = now()""")
                            .param("id", id).param("customer", uuid(data, "customerId")).param("owner", owner).update();
                    return Optional.of(new Keys(null, null, id));
                }
                return Optional.empty();
            }
        }
    }

    /**
     * Serialises, until the transaction ends, the transactions that teach owners and those that look for an owner
     * and may park their event: without it, an invoice and its customer consumed at the same moment from two topics
     * could each miss the other's uncommitted row, and the invoice would wait for ever. Only owner-related events
     * take it.
     */
    public void lock() {
        db.sql("SELECT pg_advisory_xact_lock(hashtext('notification-service.record-owners'))").query().listOfRows();
    }

    /** The customer an event names (by id, following merges, or by USCC), if known. */
    public Optional<Customer> customer(Keys keys) {
        UUID id = keys.customerId();
        if (id == null && keys.uscc() != null) {
            id = db.sql("SELECT customer_id FROM customer_owner WHERE uscc = ? AND merged_into IS NULL ORDER BY updated_at DESC LIMIT 1")
                    .param(keys.uscc()).query(UUID.class).optional().orElse(null);
        }
        for (int hop = 0; id != null && hop < MAX_REDIRECTS; hop++) {
            UUID current = id;
            var row = db.sql("SELECT customer_id, code, legal_name, owner_id, merged_into FROM customer_owner WHERE customer_id = ?")
                    .param(current).query().listOfRows();
            if (row.isEmpty()) {
                return Optional.empty();
            }
            var r = row.getFirst();
            if (r.get("merged_into") == null) {
                return Optional.of(new Customer(current, (String) r.get("code"), (String) r.get("legal_name"), (String) r.get("owner_id")));
            }
            id = (UUID) r.get("merged_into");
        }
        return Optional.empty();
    }

    /**
     * The owner of what the event names: its opportunity's owner when this service knows the opportunity, else its
     * customer's.
     */
    public Optional<String> ownerOf(Keys keys) {
        if (keys.opportunityId() != null) {
            Optional<String> owner = db.sql("SELECT owner_id FROM opportunity_owner WHERE opportunity_id = ?").param(keys.opportunityId())
                    .query(String.class).optional();
            if (owner.isPresent()) {
                return owner;
            }
        }
        return customer(keys).map(Customer::ownerId);
    }

    /** The owner recorded for this customer record itself, not following a merge (both sides of a merge have one). */
    public Optional<String> ownOwnerOf(String customerId) {
        UUID id;
        try {
            id = UUID.fromString(customerId);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return db.sql("SELECT owner_id FROM customer_owner WHERE customer_id = ? AND owner_id IS NOT NULL").param(id).query(String.class).optional();
    }

    /** Keeps an event until its owner is known (a repeat changes nothing). */
    public void await(InboundEvent event, Keys keys) {
        db.sql("""
                INSERT INTO waiting_event (event_id, event_type, source, subject, event_time, topic, payload, customer_id, uscc, opportunity_id)
                VALUES (:id, :type, :source, :subject, :time, :topic, :payload, :customer, :uscc, :opportunity) ON CONFLICT (event_id) DO NOTHING""")
                .param("id", event.id()).param("type", event.type()).param("source", event.source()).param("subject", event.subject())
                .param("time", event.time() == null ? null : Timestamp.from(event.time())).param("topic", event.topic())
                .param("payload", json.writeValueAsString(event.data())).param("customer", keys.customerId()).param("uscc", keys.uscc())
                .param("opportunity", keys.opportunityId()).update();
    }

    /** The waiting events that name any of these keys, oldest first, locked until the transaction ends. */
    public List<InboundEvent> waitingFor(Keys keys) {
        return db.sql("""
                SELECT * FROM waiting_event WHERE customer_id = :customer OR uscc = :uscc OR opportunity_id = :opportunity
                ORDER BY received_at FOR UPDATE SKIP LOCKED""")
                .param("customer", keys.customerId()).param("uscc", keys.uscc()).param("opportunity", keys.opportunityId())
                .query((rs, row) -> {
                    Timestamp time = rs.getTimestamp("event_time");
                    return new InboundEvent(rs.getString("event_id"), rs.getString("event_type"), rs.getString("source"), rs.getString("subject"),
                            time == null ? null : time.toInstant(), rs.getString("topic"), json.readTree(rs.getString("payload")));
                }).list();
    }

    public void stopWaiting(String eventId) {
        db.sql("DELETE FROM waiting_event WHERE event_id = ?").param(eventId).update();
    }

    public long waiting() {
        return db.sql("SELECT count(*) FROM waiting_event").query(Long.class).single();
    }

    static UUID uuid(JsonNode payload, String field) {
        String value = text(payload, field);
        if (value == null) {
            return null;
        }
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static String text(JsonNode payload, String field) {
        JsonNode node = payload == null ? null : payload.get(field);
        return node == null || node.isNull() || !node.isValueNode() || node.asString().isBlank() ? null : node.asString();
    }

}
