package org.crmsuite.customer.orders;

import java.io.IOException;
import java.io.InputStream;

import org.crmsuite.platform.events.EventSchemas;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** The payloads the consumer and its tests rely on match the platform's schemas; the malformed one does not. */
class OrderPayloadsTest {

    final EventSchemas schemas = new EventSchemas();
    final JsonMapper json = JsonMapper.builder().build();

    @Test
    void theExamplesAndTheTestPayloadsMatchTheirSchemas() throws IOException {
        for (String type : new String[] {"erp.order.placed.v1", "erp.order.cancelled.v1"}) {
            try (InputStream in = getClass().getClassLoader().getResourceAsStream("event-examples/" + type + ".json")) {
                assertThat(schemas.violations(type, json.readTree(in))).as(type).isEmpty();
            }
        }
        assertThat(schemas.violations("erp.order.placed.v1", json.readTree(
                OrderEventsTest.placedByUscc("SO-1", "91310115MA1K4CXT4L", "2026-11-12T05:59:40Z")))).isEmpty();
        assertThat(schemas.violations("erp.order.placed.v1", json.readTree(
                OrderEventsTest.placedById("SO-1", "6f1c2a9e-3b7d-4c55-9a0e-2d8f41b7c310", "2026-11-20T08:00:00+08:00")))).isEmpty();
    }

    @Test
    void aPayloadWithoutCustomerOrWithWrongTypesBreaksTheSchema() {
        assertThat(schemas.violations("erp.order.placed.v1", json.readTree("""
                {"orderId":"SO-1","amount":"1.00","currency":"CNY","orderedAt":"2026-11-12T05:59:40Z"}"""))).isNotEmpty();
        assertThat(schemas.violations("erp.order.placed.v1", json.readTree("""
                {"orderId":"bad","uscc":"91310115MA1K4CXT4L","amount":48600,"currency":"RMB!","orderedAt":"2026-11-12T05:59:40Z"}""")))
                .anyMatch(v -> v.contains("amount")).anyMatch(v -> v.contains("currency"));
    }
}
