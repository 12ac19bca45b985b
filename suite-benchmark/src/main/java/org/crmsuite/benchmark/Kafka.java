package org.crmsuite.benchmark;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;

/** Kafka helpers: a producer as an integrator would configure it, CloudEvents records, and a consumer group's lag. */
public final class Kafka {

    public static final String ORDERS = "erp.order.events";
    public static final String ANALYTICS_GROUP = "analytics-service";
    public static final List<String> ANALYTICS_TOPICS = List.of("crm.customer.events", "crm.ticket.events", "crm.sales.events",
            "erp.order.events", "finance.invoice.events");

    public static KafkaProducer<String, String> producer() {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, StackLauncher.KAFKA);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        config.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(64 * 1024));
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none");
        return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }

    public static Admin admin() {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, StackLauncher.KAFKA);
        return Admin.create(config);
    }

    /** An ERP order as a CloudEvent in binary mode (ce_* headers), as the integration guide describes. */
    public static ProducerRecord<String, String> orderRecord(String orderId, Map<String, Object> payload) {
        ProducerRecord<String, String> record = new ProducerRecord<>(ORDERS, orderId, Api.JSON.writeValueAsString(payload));
        header(record, "ce_specversion", "1.0");
        header(record, "ce_id", UUID.randomUUID().toString());
        header(record, "ce_source", "/erp");
        header(record, "ce_type", "erp.order.placed.v1");
        header(record, "ce_subject", orderId);
        header(record, "ce_time", Instant.now().toString());
        header(record, "ce_dataschema", "urn:crm:event-schema:erp.order.placed.v1");
        header(record, "content-type", "application/json");
        return record;
    }

    private static void header(ProducerRecord<String, String> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    /** Records on the topics not yet committed by the group (-1 when it cannot be read). */
    public static long lag(Admin admin, String group, List<String> topics) {
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, OffsetSpec> request = admin.describeTopics(topics).allTopicNames().get().values().stream()
                    .flatMap(topic -> topic.partitions().stream().map(p -> new TopicPartition(topic.name(), p.partition())))
                    .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(request).all().get();
            long lag = 0;
            for (var end : ends.entrySet()) {
                OffsetAndMetadata done = committed.get(end.getKey());
                lag += end.getValue().offset() - (done == null ? 0 : done.offset());
            }
            return lag;
        } catch (Exception e) {
            return -1;
        }
    }

    private Kafka() {
    }
}
