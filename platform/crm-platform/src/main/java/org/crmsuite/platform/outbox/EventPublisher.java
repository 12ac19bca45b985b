package org.crmsuite.platform.outbox;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.crmsuite.platform.events.CloudEventHeaders;
import org.crmsuite.platform.events.EventEnvelope;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;

/** Writes an envelope to Kafka in the CloudEvents binary binding. Only the relays call it. */
public class EventPublisher {

    private final KafkaTemplate<String, String> kafkaTemplate;

    public EventPublisher(KafkaTemplate<String, String> kafkaTemplate) {
        this.kafkaTemplate = kafkaTemplate;
    }

    public CompletableFuture<SendResult<String, String>> publish(EventEnvelope event) {
        RecordHeaders headers = new RecordHeaders();
        add(headers, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_1_0);
        add(headers, CloudEventHeaders.ID, event.id().toString());
        add(headers, CloudEventHeaders.SOURCE, event.source());
        add(headers, CloudEventHeaders.TYPE, event.type());
        add(headers, CloudEventHeaders.SUBJECT, event.subject());
        add(headers, CloudEventHeaders.TIME, event.time().toString());
        add(headers, CloudEventHeaders.DATA_SCHEMA, event.dataSchema());
        add(headers, CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
        add(headers, CloudEventHeaders.TRACEPARENT, event.traceparent());
        return kafkaTemplate.send(new ProducerRecord<>(event.topic(), null, event.subject(), event.payload(), headers));
    }

    /** Like {@link #publish}, but a send that fails before it starts (no metadata in time) is a failed future too. */
    public CompletableFuture<?> publishQuietly(EventEnvelope event) {
        try {
            return publish(event);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** After a failed send the producer may hold a broken connection or a fenced epoch: start afresh next time. */
    public void resetProducer() {
        kafkaTemplate.getProducerFactory().reset();
    }

    private static void add(RecordHeaders headers, String name, String value) {
        if (value != null) {
            headers.add(name, value.getBytes(StandardCharsets.UTF_8));
        }
    }
}
