package org.crmsuite.analytics.projection;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.crmsuite.analytics.event.AnalyticsEvent;
import org.crmsuite.platform.events.EventSchemas;
import org.crmsuite.platform.events.InboundEvent;
import org.crmsuite.platform.events.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/**
 * The one way in: every record of the suite's topics and of the inbound ERP and finance topics. Records from ERP and
 * finance are checked against their schema on receipt; a record that breaks it, or is no CloudEvent at all, throws
 * {@link org.crmsuite.platform.events.InvalidEventException} and the platform's error handler puts it on
 * {@code <topic>.DLT} with the reason at once. Redeliveries are skipped by the raw store's unique event id.
 */
@Component
class EventIntake {

    private static final Logger log = LoggerFactory.getLogger(EventIntake.class);

    private final Projector projector;
    private final EventSchemas schemas;
    private final JsonMapper json;
    private final Timer freshness;

    private final java.util.List<AppliedEvents> observers;
    /** Whether a type has a schema, asked once per type (the platform looks it up on the classpath each time). */
    private final java.util.Map<String, Boolean> knownTypes = new java.util.concurrent.ConcurrentHashMap<>();

    EventIntake(Projector projector, EventSchemas schemas, JsonMapper json, MeterRegistry meters,
                org.springframework.beans.factory.ObjectProvider<AppliedEvents> observers) {
        this.observers = observers.orderedStream().toList();
        this.projector = projector;
        this.schemas = schemas;
        this.json = json;
        this.freshness = Timer.builder(FRESHNESS).description("ce_time of an event until the KPI facts reflect it")
                .publishPercentiles(0.5, 0.99).publishPercentileHistogram().register(meters);
    }

    /**
     * Timer: from an event's ce_time to its effect on the KPI facts and every read model but the customer 360 (what
     * the KPI API answers from then on); the 360's is {@link Customer360Refresher#FRESHNESS_360}.
     */
    public static final String FRESHNESS = "crm.analytics.freshness";

    /**
     * A whole poll at once: the records are checked (ERP/finance schemas) and converted, then applied as one batch by
     * {@link Projector#applyAll} (a handful of bulk round trips instead of about ten per event). A record that breaks
     * its schema ends the batch there: the records before it are applied, and {@link BatchListenerFailedException}
     * names it so the platform's error handler commits those, sends it to the DLT at once (its cause is an
     * {@link org.crmsuite.platform.events.InvalidEventException}, not retryable) and redelivers the rest. When applying
     * the batch fails otherwise, the records are applied one by one to name the one that fails (retried with back-off,
     * then dead-lettered like a record listener's).
     */
    @KafkaListener(topics = {Topics.CUSTOMER, Topics.TICKET, Topics.SALES, Topics.ERP_ORDERS, Topics.FINANCE_INVOICES},
            groupId = "${crm.analytics.consumer-group}", batch = "true")
    void on(List<ConsumerRecord<String, String>> records) {
        List<AnalyticsEvent> events = new ArrayList<>(records.size());
        RuntimeException invalid = null;
        for (ConsumerRecord<String, String> record : records) {
            try {
                events.add(convert(record));
            } catch (RuntimeException e) {
                invalid = e;
                break;
            }
        }
        try {
            applied(projector.applyAll(events));
        } catch (RuntimeException batchFailure) {
            log.warn("a batch of {} events failed ({}): applying them one by one", events.size(), batchFailure.toString());
            for (int i = 0; i < events.size(); i++) {
                try {
                    applied(projector.applyAll(List.of(events.get(i))));
                } catch (RuntimeException e) {
                    throw new BatchListenerFailedException(String.valueOf(e.getMessage()), e, i);
                }
            }
        }
        if (invalid != null) {
            throw new BatchListenerFailedException(String.valueOf(invalid.getMessage()), invalid, events.size());
        }
    }

    private AnalyticsEvent convert(ConsumerRecord<String, String> record) {
        InboundEvent event = InboundEvent.from(record, json);
        boolean inbound = Topics.ERP_ORDERS.equals(record.topic()) || Topics.FINANCE_INVOICES.equals(record.topic());
        if (inbound && knownTypes.computeIfAbsent(event.type(), schemas::knows)) {
            schemas.requireValid(event.type(), event.data());
        }
        Instant time = event.time() != null ? event.time() : Instant.ofEpochMilli(record.timestamp());
        return new AnalyticsEvent(event.id(), event.type(), record.topic(), event.subject(), time,
                record.partition(), record.offset(), event.data());
    }

    private void applied(List<AnalyticsEvent> events) {
        Instant now = Instant.now();
        for (AnalyticsEvent event : events) {
            if (event.time() != null) {
                freshness.record(java.time.Duration.between(event.time(), now));
            }
            observers.forEach(observer -> observer.applied(event, now));
        }
    }
}
