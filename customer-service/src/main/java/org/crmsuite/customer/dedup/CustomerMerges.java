package org.crmsuite.customer.dedup;

import java.sql.Array;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.persistence.EntityManager;

import org.crmsuite.platform.web.IfMatch;
import org.crmsuite.customer.config.CustomerProperties;
import org.crmsuite.customer.customer.Customer;
import org.crmsuite.customer.customer.CustomerDetails;
import org.crmsuite.customer.customer.CustomerRegistry;
import org.crmsuite.customer.customer.CustomerStatus;
import org.crmsuite.customer.customer.CustomerVisibility;
import org.crmsuite.customer.customer.FieldChange;
import org.crmsuite.customer.events.CustomerMergeUndone;
import org.crmsuite.customer.events.CustomerMerged;
import org.crmsuite.customer.events.CustomerUpdated;
import org.crmsuite.customer.history.ChangeHistory;
import org.crmsuite.platform.outbox.Outbox;
import org.crmsuite.platform.security.CurrentUser;
import org.crmsuite.platform.web.CrmProblemException;
import org.crmsuite.platform.web.FieldViolation;
import org.crmsuite.platform.web.ProblemType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.json.JsonMapper;

/**
 * A data steward merges a duplicate (the loser) into a survivor: the survivor takes the chosen facts
 * ({@link Survivorship}), the loser's contacts and group members move over, the loser stays as a redirect (status
 * MERGED, mergedInto), and crm.customer.merged.v1 tells every service to re-point. Undoable within
 * {@code crm.customer.merge-undo-window}, as long as the survivor has not changed since.
 */
@Service
public class CustomerMerges {

    /** A merge as it happened. */
    public record Merge(UUID id, Customer survivor, Customer loser, List<UUID> movedContacts, Instant mergedAt,
                        Instant undoableUntil, Instant undoneAt) {
    }

    private final CustomerRegistry registry;
    private final EntityManager entities;
    private final JdbcClient jdbc;
    private final ChangeHistory history;
    private final Outbox outbox;
    private final JsonMapper json;
    private final Duration undoWindow;
    private final Clock clock;
    private final org.crmsuite.customer.customer.CustomerMatchKeyIndex matchKeys;
    private final org.springframework.context.ApplicationEventPublisher changes;

    CustomerMerges(CustomerRegistry registry, EntityManager entities, JdbcClient jdbc, ChangeHistory history, Outbox outbox,
                   JsonMapper json, CustomerProperties properties, Clock clock, org.crmsuite.customer.customer.CustomerMatchKeyIndex matchKeys,
                   org.springframework.context.ApplicationEventPublisher changes) {
        this.changes = changes;
        this.registry = registry;
        this.entities = entities;
        this.matchKeys = matchKeys;
        this.jdbc = jdbc;
        this.history = history;
        this.outbox = outbox;
        this.json = json;
        this.undoWindow = properties.mergeUndoWindow();
        this.clock = clock;
    }

    @Transactional
    public Merge merge(UUID survivorId, long survivorVersion, UUID loserId, Long loserVersion, Map<String, Survivorship.Side> choices,
                       CurrentUser user) {
        CustomerVisibility.requireAny(user, CustomerVisibility.STEWARDS, "merge customers");
        if (survivorId.equals(loserId)) {
            throw CrmProblemException.ruleViolated("a customer cannot be merged into itself",
                    List.of(new FieldViolation("loserId", "must differ from the survivor")));
        }
        Customer survivor = registry.get(survivorId, user);
        Customer loser = registry.get(loserId, user);
        IfMatch.require("customer", survivorId, survivorVersion, survivor.version());
        if (loserVersion != null) {
            IfMatch.require("customer", loserId, loserVersion, loser.version());
        }
        if (survivor.status() == CustomerStatus.MERGED) {
            throw CrmProblemException.ruleViolated("customer " + survivor.code() + " is itself merged into " + survivor.mergedInto()
                    + "; merge into that customer instead", List.of(new FieldViolation("survivorId", "already merged")));
        }
        if (survivor.status() != CustomerStatus.ACTIVE) {
            throw CrmProblemException.ruleViolated("customer " + survivor.code() + " is " + survivor.status()
                    + " and cannot take over another; restore it first", List.of(new FieldViolation("survivorId", "is " + survivor.status())));
        }
        if (loser.status() == CustomerStatus.MERGED) {
            throw CrmProblemException.ruleViolated("customer " + loser.code() + " is already merged into " + loser.mergedInto(),
                    List.of(new FieldViolation("loserId", "already merged")));
        }
        if (loser.status() == CustomerStatus.ERASED) {
            throw CrmProblemException.ruleViolated("customer " + loser.code() + " is erased", List.of(new FieldViolation("loserId", "is erased")));
        }
        CustomerDetails before = survivor.details();
        CustomerDetails merged = withoutSelfParent(Survivorship.resolve(before, loser.details(), choices), survivorId, loserId);
        Instant now = clock.instant();
        String loserUscc = loser.uscc();

        List<FieldChange> loserChanges = loser.mergeInto(survivorId, survivor.code());
        entities.flush(); // frees the loser's USCC before the survivor may take it over
        List<FieldChange> survivorChanges = survivor.update(merged, null, null);
        matchKeys.index(survivorId, survivor.nameNormalised());
        CustomerRegistry.requireStage(survivor.lifecycleStage(), survivor.facts());

        boolean survivorHasPrimary = jdbc.sql("SELECT count(*) FROM contact WHERE customer_id = :id AND primary_contact AND status = 'ACTIVE'")
                .param("id", survivorId).query(Long.class).single() > 0;
        UUID demoted = survivorHasPrimary ? jdbc.sql("""
                        UPDATE contact SET primary_contact = FALSE, version = version + 1, updated_at = :now, updated_by = :by
                        WHERE customer_id = :loser AND primary_contact AND status = 'ACTIVE' RETURNING id""")
                .param("loser", loserId).param("now", Timestamp.from(now)).param("by", user.id())
                .query(UUID.class).optional().orElse(null) : null;
        List<UUID> moved = jdbc.sql("""
                        UPDATE contact SET customer_id = :survivor, version = version + 1, updated_at = :now, updated_by = :by
                        WHERE customer_id = :loser RETURNING id""")
                .param("survivor", survivorId).param("loser", loserId).param("now", Timestamp.from(now)).param("by", user.id())
                .query(UUID.class).list();
        List<Map<String, Object>> children = jdbc.sql("""
                        UPDATE customer SET parent_id = :survivor, version = version + 1, updated_at = :now, updated_by = :by
                        WHERE parent_id = :loser AND id <> :survivor RETURNING id, code, version""")
                .param("survivor", survivorId).param("loser", loserId).param("now", Timestamp.from(now)).param("by", user.id())
                .query().listOfRows();
        entities.flush();

        UUID mergeId = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO customer_merge (id, survivor_id, loser_id, survivor_before, survivor_version, loser_uscc,
                                                    moved_contacts, demoted_contact, repointed_children, merged_by, merged_at)
                        VALUES (:id, :survivor, :loser, :before, :version, :uscc, :moved, :demoted, :children, :by, :at)""")
                .param("id", mergeId).param("survivor", survivorId).param("loser", loserId)
                .param("before", json.writeValueAsString(before)).param("version", survivor.version()).param("uscc", loserUscc)
                .param("moved", moved.toArray(UUID[]::new)).param("demoted", demoted)
                .param("children", children.stream().map(row -> (UUID) row.get("id")).toArray(UUID[]::new))
                .param("by", user.id()).param("at", Timestamp.from(now))
                .update();

        history.record(loserId, ChangeHistory.EntityType.CUSTOMER, loserId, loserChanges, user.id(), now);
        history.record(survivorId, ChangeHistory.EntityType.CUSTOMER, survivorId, survivorChanges, user.id(), now);
        for (UUID contact : moved) {
            history.record(survivorId, ChangeHistory.EntityType.CONTACT, contact,
                    List.of(new FieldChange("customerId", loserId, survivorId)), user.id(), now);
        }
        for (Map<String, Object> child : children) {
            UUID childId = (UUID) child.get("id");
            history.record(childId, ChangeHistory.EntityType.CUSTOMER, childId,
                    List.of(new FieldChange("parentId", loserId, survivorId)), user.id(), now);
            outbox.record(new CustomerUpdated(childId, (String) child.get("code"), ((Number) child.get("version")).longValue(),
                    List.of("parentId"), Map.of("parentId", survivorId), user.id(), now));
        }
        publishUpdate(survivor, survivorChanges, user, now);
        outbox.record(new CustomerMerged(mergeId, loserId, loser.code(), survivorId, survivor.code(), moved, user.id(), now,
                now.plus(undoWindow)));
        // the survivor's score may change; the loser (now MERGED) is never scored again
        changes.publishEvent(org.crmsuite.customer.customer.CustomersChanged.of(survivor));
        return new Merge(mergeId, survivor, loser, moved, now, now.plus(undoWindow), null);
    }

    @Transactional
    public Merge undo(UUID survivorId, UUID mergeId, CurrentUser user) {
        CustomerVisibility.requireAny(user, CustomerVisibility.STEWARDS, "undo merges");
        Map<String, Object> record = jdbc.sql("SELECT * FROM customer_merge WHERE id = :id AND survivor_id = :survivor FOR UPDATE")
                .param("id", mergeId).param("survivor", survivorId).query().listOfRows().stream().findFirst()
                .orElseThrow(() -> CrmProblemException.notFound("merge", mergeId));
        if (record.get("undone_at") != null) {
            throw CrmProblemException.ruleViolated("merge " + mergeId + " was already undone", List.of());
        }
        Instant now = clock.instant();
        Instant mergedAt = ((Timestamp) record.get("merged_at")).toInstant();
        if (now.isAfter(mergedAt.plus(undoWindow))) {
            throw CrmProblemException.ruleViolated("the undo window of " + undoWindow + " ended at " + mergedAt.plus(undoWindow)
                    + "; separate the records by hand", List.of());
        }
        Customer survivor = registry.get(survivorId, user);
        Customer loser = registry.get((UUID) record.get("loser_id"), user);
        if (survivor.version() != ((Number) record.get("survivor_version")).longValue()) {
            throw new CrmProblemException(ProblemType.CONFLICT, "customer " + survivor.code() + " changed after the merge (version "
                    + record.get("survivor_version") + ", now " + survivor.version() + "); undoing would lose those changes",
                    List.of(), Map.of("currentVersion", survivor.version()));
        }
        CustomerDetails before = json.readValue((String) record.get("survivor_before"), CustomerDetails.class);
        List<FieldChange> survivorChanges = survivor.update(before, null, null);
        matchKeys.index(survivorId, survivor.nameNormalised());
        entities.flush(); // frees the USCC if the survivor had taken the loser's
        List<FieldChange> loserChanges = loser.unmerge((String) record.get("loser_uscc"));
        entities.flush();

        List<UUID> moved = uuids(record.get("moved_contacts"));
        jdbc.sql("""
                        UPDATE contact SET customer_id = :loser, version = version + 1, updated_at = :now, updated_by = :by
                        WHERE id = ANY (:moved) AND customer_id = :survivor""")
                .param("loser", loser.id()).param("survivor", survivorId).param("moved", moved.toArray(UUID[]::new))
                .param("now", Timestamp.from(now)).param("by", user.id()).update();
        if (record.get("demoted_contact") != null) {
            jdbc.sql("""
                            UPDATE contact SET primary_contact = TRUE, version = version + 1
                            WHERE id = :id AND customer_id = :loser AND status = 'ACTIVE'
                              AND NOT EXISTS (SELECT 1 FROM contact WHERE customer_id = :loser AND primary_contact AND status = 'ACTIVE')""")
                    .param("id", record.get("demoted_contact")).param("loser", loser.id()).update();
        }
        jdbc.sql("""
                        UPDATE customer SET parent_id = :loser, version = version + 1, updated_at = :now, updated_by = :by
                        WHERE id = ANY (:children) AND parent_id = :survivor""")
                .param("loser", loser.id()).param("survivor", survivorId).param("children", uuids(record.get("repointed_children")).toArray(UUID[]::new))
                .param("now", Timestamp.from(now)).param("by", user.id()).update();
        jdbc.sql("UPDATE customer_merge SET undone_by = :by, undone_at = :at WHERE id = :id")
                .param("by", user.id()).param("at", Timestamp.from(now)).param("id", mergeId).update();

        history.record(loser.id(), ChangeHistory.EntityType.CUSTOMER, loser.id(), loserChanges, user.id(), now);
        history.record(survivorId, ChangeHistory.EntityType.CUSTOMER, survivorId, survivorChanges, user.id(), now);
        publishUpdate(survivor, survivorChanges, user, now);
        outbox.record(new CustomerUpdated(loser.id(), loser.code(), loser.version(), loserChanges.stream().map(FieldChange::field).toList(),
                newValues(loserChanges), user.id(), now));
        outbox.record(new CustomerMergeUndone(mergeId, loser.id(), loser.code(), survivorId, survivor.code(), moved, user.id(), now));
        changes.publishEvent(org.crmsuite.customer.customer.CustomersChanged.of(survivor, loser));
        return new Merge(mergeId, survivor, loser, moved, mergedAt, mergedAt.plus(undoWindow), now);
    }

    private void publishUpdate(Customer customer, List<FieldChange> changes, CurrentUser user, Instant now) {
        if (!changes.isEmpty()) {
            outbox.record(new CustomerUpdated(customer.id(), customer.code(), customer.version(),
                    changes.stream().map(FieldChange::field).toList(), newValues(changes), user.id(), now, registry.snapshot(customer)));
        }
    }

    private static Map<String, Object> newValues(List<FieldChange> changes) {
        Map<String, Object> values = new LinkedHashMap<>();
        changes.forEach(c -> values.put(c.field(), c.to() instanceof Enum<?> e ? e.name() : c.to()));
        return values;
    }

    /** A merged group cannot have itself as parent: a parent pointing at either record is dropped. */
    private static CustomerDetails withoutSelfParent(CustomerDetails details, UUID survivorId, UUID loserId) {
        if (details.parentId() == null || (!details.parentId().equals(survivorId) && !details.parentId().equals(loserId))) {
            return details;
        }
        Map<String, Object> fields = new LinkedHashMap<>(details.fields());
        fields.put("parentId", null);
        return CustomerDetails.fromFields(fields);
    }

    private static List<UUID> uuids(Object array) {
        try {
            return array == null ? List.of() : new ArrayList<>(Arrays.asList((UUID[]) ((Array) array).getArray()));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read a merge record", e);
        }
    }
}
