package org.crmsuite.platform.test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.crmsuite.platform.events.EventSchemas;
import org.crmsuite.platform.events.InboundEvent;

import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Reads what services published, from the beginning of the given topics, for assertions; and checks every event it
 * saw against the JSON Schema of its type (the contract). Close it after the test.
 */
public final class EventProbe implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final KafkaConsumer<String, String> consumer;
    private final List<ConsumerRecord<String, String>> seen = new ArrayList<>();
    private final EventSchemas schemas = new EventSchemas();

    public EventProbe(String bootstrapServers, String... topics) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "event-probe-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new StringDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            consumer.partitionsFor(topic, Duration.ofSeconds(10))
                    .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    public static EventProbe onSharedKafka(String... topics) {
        return new EventProbe(SharedKafka.bootstrapServers(), topics);
    }

    /** Everything seen so far, after one more poll. */
    public List<ConsumerRecord<String, String>> records() {
        consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
        return List.copyOf(seen);
    }

    public List<InboundEvent> events() {
        return records().stream().map(r -> InboundEvent.from(r, JSON)).toList();
    }

    /** Waits until an event matching the predicate has arrived, and returns it. */
    public InboundEvent awaitEvent(Predicate<InboundEvent> matching) {
        InboundEvent[] found = new InboundEvent[1];
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            for (InboundEvent event : events()) {
                if (matching.test(event)) {
                    found[0] = event;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    public InboundEvent awaitEvent(String type, String subject) {
        return awaitEvent(e -> e.type().equals(type) && subject.equals(e.subject()));
    }

    /** Every event seen so far validates against the schema of its type. */
    public void assertAllMatchTheirSchemas() {
        for (InboundEvent event : events()) {
            assertThat(schemas.knows(event.type())).as("a schema exists for %s", event.type()).isTrue();
            assertThat(schemas.violations(event.type(), event.data())).as("%s %s against its schema", event.type(), event.id()).isEmpty();
        }
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(2));
    }
}
