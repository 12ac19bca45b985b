package org.crmsuite.benchmark;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The outbox promise checked end to end after a run: every event a PostgreSQL service's outbox marked as sent is in
 * Kafka (by its CloudEvents id). A missing one is an event lost between the relay and the broker, which no latency
 * figure would show. Run on the stack the benchmark used, before it stops.
 */
public final class DeliveryCheck {

    /** One service's outbox against its topic: rows sent, rows still waiting, ids found on Kafka, ids missing. */
    public record Result(String service, String topic, long sent, long waiting, long inKafka, List<String> missing) {
    }

    /** The PostgreSQL services, their databases and the one topic each publishes. */
    static final Map<String, String[]> OUTBOXES = new LinkedHashMap<>();

    static {
        OUTBOXES.put("customer-service", new String[]{"customer", "crm.customer.events"});
        OUTBOXES.put("sales-service", new String[]{"sales", "crm.sales.events"});
        OUTBOXES.put("notification-service", new String[]{"notification", "crm.notification.events"});
    }

    private static final int MISSING_SHOWN = 5;

    /** Waits up to {@code drain} for the outboxes to empty, then compares each outbox's sent ids with its topic. */
    public static List<Result> run(Duration drain) throws Exception {
        long until = System.nanoTime() + drain.toNanos();
        while (System.nanoTime() < until && waitingInAll() > 0) {
            Thread.sleep(500); // polling an outside system's state: nothing to wait on in-process
        }
        List<Result> results = new ArrayList<>();
        for (Map.Entry<String, String[]> outbox : OUTBOXES.entrySet()) {
            String database = outbox.getValue()[0];
            String topic = outbox.getValue()[1];
            Set<String> inKafka = eventIds(topic);
            List<String> missing = new ArrayList<>();
            long sent = 0;
            long waiting;
            try (Connection db = connect(database)) {
                db.setAutoCommit(false); // a cursor, so a large outbox is streamed
                try (PreparedStatement query = db.prepareStatement(
                        "SELECT event_id::text FROM outbox_event WHERE published_at IS NOT NULL AND topic = ?")) {
                    query.setFetchSize(10_000);
                    query.setString(1, topic);
                    try (ResultSet rows = query.executeQuery()) {
                        while (rows.next()) {
                            sent++;
                            String id = rows.getString(1);
                            if (!inKafka.contains(id)) {
                                missing.add(id);
                            }
                        }
                    }
                }
                waiting = waiting(db);
                db.commit();
            }
            results.add(new Result(outbox.getKey(), topic, sent, waiting, inKafka.size(), missing));
        }
        return results;
    }

    /** A table row for the report: service, topic, sent, still waiting, on Kafka, missing (with a few of their ids). */
    public static List<String> row(Result result) {
        String missing = result.missing().isEmpty() ? "**0**" : "**" + result.missing().size() + "**: "
                + String.join(", ", result.missing().subList(0, Math.min(MISSING_SHOWN, result.missing().size())));
        return List.of(result.service(), "`" + result.topic() + "`", String.valueOf(result.sent()), String.valueOf(result.waiting()),
                String.valueOf(result.inKafka()), missing);
    }

    private static long waitingInAll() throws SQLException {
        long total = 0;
        for (String[] outbox : OUTBOXES.values()) {
            try (Connection db = connect(outbox[0])) {
                total += waiting(db);
            }
        }
        return total;
    }

    private static long waiting(Connection db) throws SQLException {
        try (PreparedStatement query = db.prepareStatement("SELECT count(*) FROM outbox_event WHERE published_at IS NULL");
             ResultSet result = query.executeQuery()) {
            result.next();
            return result.getLong(1);
        }
    }

    private static Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(StackLauncher.POSTGRES + database, "postgres", "");
    }

    /** Every ce_id on the topic, read from the beginning to the end offsets taken at the start. */
    static Set<String> eventIds(String topic) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, StackLauncher.KAFKA);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        Set<String> ids = new HashSet<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo partition : consumer.partitionsFor(topic)) {
                partitions.add(new TopicPartition(topic, partition.partition()));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = new HashMap<>(consumer.endOffsets(partitions));
            while (ends.entrySet().stream().anyMatch(end -> consumer.position(end.getKey()) < end.getValue())) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    Header id = record.headers().lastHeader("ce_id");
                    if (id != null) {
                        ids.add(new String(id.value(), StandardCharsets.UTF_8));
                    }
                }
            }
        }
        return ids;
    }

    private DeliveryCheck() {
    }
}
