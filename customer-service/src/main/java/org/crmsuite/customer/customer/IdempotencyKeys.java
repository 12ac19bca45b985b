package org.crmsuite.customer.customer;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.crmsuite.customer.config.CustomerProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Idempotency keys of registrations, kept for {@code crm.customer.idempotency-key-retention}. {@link #claim} must run
 * inside the registration's transaction: the row it inserts holds the key (a concurrent claim of the same key waits
 * on the primary key until this transaction ends) and disappears with it when the registration fails.
 */
@Component
class IdempotencyKeys {

    /** What a claim found: nothing (the key is ours now), or the earlier registration with that key. */
    record Earlier(String requestHash, UUID customerId) {
    }

    private final JdbcClient jdbc;
    private final CustomerProperties properties;

    IdempotencyKeys(JdbcClient jdbc, CustomerProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
    }

    /** Claims the key for this transaction; an empty answer means the caller registers now and then calls {@link #complete}. */
    Optional<Earlier> claim(String caller, String key, String requestHash) {
        Instant now = Instant.now();
        jdbc.sql("DELETE FROM customer_idempotency_key WHERE caller = :caller AND idem_key = :key AND created_at < :expired")
                .param("caller", caller).param("key", key)
                .param("expired", java.sql.Timestamp.from(now.minus(properties.idempotencyKeyRetention()))).update();
        int inserted = jdbc.sql("""
                        INSERT INTO customer_idempotency_key (caller, idem_key, request_hash, created_at)
                        VALUES (:caller, :key, :hash, :now) ON CONFLICT (caller, idem_key) DO NOTHING""")
                .param("caller", caller).param("key", key).param("hash", requestHash).param("now", java.sql.Timestamp.from(now))
                .update();
        if (inserted == 1) {
            return Optional.empty();
        }
        Optional<Earlier> earlier = jdbc.sql("SELECT request_hash, customer_id FROM customer_idempotency_key WHERE caller = :caller AND idem_key = :key")
                .param("caller", caller).param("key", key)
                .query((rs, n) -> new Earlier(rs.getString("request_hash"), rs.getObject("customer_id", UUID.class)))
                .optional();
        // purged between the two statements: claim it again
        return earlier.isPresent() ? earlier : claim(caller, key, requestHash);
    }

    void complete(String caller, String key, UUID customerId) {
        jdbc.sql("UPDATE customer_idempotency_key SET customer_id = :id WHERE caller = :caller AND idem_key = :key")
                .param("id", customerId).param("caller", caller).param("key", key).update();
    }

    /** Forgets keys older than the retention. */
    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
    @Transactional
    public int purge() {
        return jdbc.sql("DELETE FROM customer_idempotency_key WHERE created_at < :expired")
                .param("expired", java.sql.Timestamp.from(Instant.now().minus(properties.idempotencyKeyRetention()))).update();
    }
}
