package org.crmsuite.notification.intake;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.crmsuite.platform.events.EventSchemas;
import org.crmsuite.platform.events.InboundEvent;
import org.crmsuite.platform.events.Topics;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/**
 * Reads {@code finance.invoice.events} (inbound from finance): every {@code finance.invoice.*} record is checked
 * against its JSON Schema on receipt, and an invalid one goes to {@code finance.invoice.events.DLT} at once with the
 * violations as the reason (the platform's error handler). A valid one is planned like any event: the seeded rule
 * tells the owner of an overdue invoice's opportunity or customer; issued and paid have no rule unless one is added.
 */
@Component
class InvoiceIntake {

    private final NotificationPlanner planner;
    private final JsonMapper json;
    private final EventSchemas schemas = new EventSchemas();

    InvoiceIntake(NotificationPlanner planner, JsonMapper json) {
        this.planner = planner;
        this.json = json;
    }

    @KafkaListener(topics = Topics.FINANCE_INVOICES, groupId = "${crm.notification.consumer-group:notification-service}")
    void on(ConsumerRecord<String, String> record) {
        InboundEvent event = InboundEvent.from(record, json);
        if (!event.type().startsWith("finance.invoice.")) {
            return; // not an invoice event: ignored like any unknown type
        }
        schemas.requireValid(event.type(), event.data());
        planner.plan(event);
    }
}
