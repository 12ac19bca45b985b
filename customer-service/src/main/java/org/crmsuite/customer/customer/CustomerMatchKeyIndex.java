package org.crmsuite.customer.customer;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The {@link MatchKeys} of every customer name in {@code customer_match_key}: written when a customer is registered
 * or gets a new name (update, merge, undo), removed for the erased name. Keys of an earlier name stay until erasure:
 * a stale key only brings a candidate that scoring against the current name then drops.
 */
@Component
public class CustomerMatchKeyIndex {

    private final JdbcClient jdbc;
    private final PostgresCopy copy;

    CustomerMatchKeyIndex(JdbcClient jdbc, PostgresCopy copy) {
        this.jdbc = jdbc;
        this.copy = copy;
    }

    /**
     * The keys of customers created in the caller's transaction (the import's batches), by {@code COPY}: their ids
     * are new and {@link MatchKeys#of} gives each key once, so no row can conflict and no {@code ON CONFLICT} is needed.
     */
    void indexNew(Map<UUID, String> namesNormalised) {
        PostgresCopy.Rows rows = new PostgresCopy.Rows(namesNormalised.size() * 12);
        namesNormalised.forEach((id, name) -> {
            for (long key : MatchKeys.of(name)) {
                rows.add(key, id);
            }
        });
        copy.copy("customer_match_key (key, customer_id)", rows);
    }

    /** Adds the keys of the customers' (normalised) names; one statement for all. */
    public void index(Map<UUID, String> namesNormalised) {
        StringJoiner keys = new StringJoiner(",", "{", "}");
        StringJoiner ids = new StringJoiner(",", "{", "}");
        int count = 0;
        for (Map.Entry<UUID, String> customer : namesNormalised.entrySet()) {
            for (long key : MatchKeys.of(customer.getValue())) {
                keys.add(Long.toString(key));
                ids.add(customer.getKey().toString());
                count++;
            }
        }
        if (count == 0) {
            return;
        }
        jdbc.sql("""
                        INSERT INTO customer_match_key (key, customer_id)
                        SELECT * FROM unnest(CAST(:keys AS BIGINT[]), CAST(:ids AS UUID[])) ON CONFLICT DO NOTHING""")
                .param("keys", keys.toString()).param("ids", ids.toString()).update();
    }

    public void index(UUID customerId, String nameNormalised) {
        index(Map.of(customerId, nameNormalised));
    }

    /** The name no longer identifies the customer (erasure): its keys go. */
    public void remove(UUID customerId, String nameNormalised) {
        long[] keys = MatchKeys.of(nameNormalised);
        if (keys.length == 0) {
            return;
        }
        jdbc.sql("DELETE FROM customer_match_key WHERE customer_id = :id AND key = ANY (CAST(:keys AS BIGINT[]))")
                .param("id", customerId).param("keys", array(keys)).update();
    }

    /**
     * The customers having any of these keys, grouped by key, whatever their status: an index-only scan of the key
     * table, no visit of the customer rows (the duplicate check reads the distinct customers' facts once itself).
     */
    public Map<Long, List<UUID>> customerIds(Collection<Long> keys) {
        if (keys.isEmpty()) {
            return Map.of();
        }
        StringJoiner array = new StringJoiner(",", "{", "}");
        keys.forEach(key -> array.add(Long.toString(key)));
        Map<Long, List<UUID>> byKey = new HashMap<>();
        jdbc.sql("SELECT key, customer_id FROM customer_match_key WHERE key = ANY (CAST(:keys AS BIGINT[]))")
                .param("keys", array.toString())
                .query((rs, n) -> byKey.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getObject(2, UUID.class)))
                .list();
        return byKey;
    }

    static String array(long[] keys) {
        StringJoiner array = new StringJoiner(",", "{", "}");
        for (long key : keys) {
            array.add(Long.toString(key));
        }
        return array.toString();
    }
}
