package org.crmsuite.notification.intake;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.crmsuite.platform.events.InboundEvent;
import org.crmsuite.platform.events.Topics;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the suite's ticket, sales and customer events. Types no rule mentions are skipped (and remembered as seen);
 * a failure is retried by the platform's error handler and finally lands in {@code <topic>.DLT}.
 */
@Component
class EventIntake {

    private final NotificationPlanner planner;
    private final JsonMapper json;

    EventIntake(NotificationPlanner planner, JsonMapper json) {
        this.planner = planner;
        this.json = json;
    }

    @KafkaListener(topics = {Topics.TICKET, Topics.SALES, Topics.CUSTOMER}, groupId = "${crm.notification.consumer-group:notification-service}")
    void on(ConsumerRecord<String, String> record) {
        planner.plan(InboundEvent.from(record, json));
    }
}
