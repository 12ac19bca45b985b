package org.crmsuite.platform.events;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventEnvelopeFactoryTest {

    private final EventEnvelopeFactory factory = new EventEnvelopeFactory("customer-service", JsonMapper.builder().build(),
            Clock.fixed(Instant.parse("2026-11-23T08:00:00Z"), ZoneOffset.UTC), () -> "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");

    record Renamed(String customerId, String legalName) implements IntegrationEvent {
        public String eventType() {
            return "crm.customer.renamed.v1";
        }

        public String aggregateId() {
            return customerId;
        }

        public String topic() {
            return Topics.CUSTOMER;
        }
    }

    record Clashing(String ticketId, String topic) implements IntegrationEvent {
        public String eventType() {
            return "crm.ticket.opened.v1";
        }

        public String aggregateId() {
            return ticketId;
        }
    }

    @Test
    void theEnvelopeCarriesTheRoutingFactsAndThePayloadHoldsOnlyTheRecord() {
        EventEnvelope envelope = factory.envelope(new Renamed("c-1", "杭州云栖科技有限公司"));
        assertThat(envelope.source()).isEqualTo("/customer-service");
        assertThat(envelope.subject()).isEqualTo("c-1");
        assertThat(envelope.topic()).isEqualTo("crm.customer.events");
        assertThat(envelope.time()).isEqualTo(Instant.parse("2026-11-23T08:00:00Z"));
        assertThat(envelope.dataSchema()).isEqualTo("/event-schemas/crm.customer.renamed.v1.json");
        assertThat(envelope.traceparent()).startsWith("00-0af7651916cd43dd8448eb211c80319c-");
        assertThat(envelope.payload()).isEqualTo("{\"customerId\":\"c-1\",\"legalName\":\"杭州云栖科技有限公司\"}");
    }

    @Test
    void aPayloadFieldThatWouldOverrideRoutingIsRefused() {
        assertThatThrownBy(() -> factory.envelope(new Clashing("t-1", "printer on fire")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("'topic'");
    }
}
