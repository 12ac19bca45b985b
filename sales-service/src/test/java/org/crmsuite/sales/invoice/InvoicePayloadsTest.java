package org.crmsuite.sales.invoice;

import java.util.UUID;

import org.crmsuite.platform.events.EventSchemas;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** The payloads the invoice tests send are what finance's schemas allow (and the malformed one is not). */
class InvoicePayloadsTest {

    final EventSchemas schemas = new EventSchemas();
    final JsonMapper json = JsonMapper.builder().build();

    @Test
    void theTestPayloadsMatchTheCatalogue() {
        String deal = UUID.randomUUID().toString();
        assertThat(schemas.violations("finance.invoice.issued.v1", json.readTree(InvoiceEventsTest.issued("I1", deal)))).isEmpty();
        assertThat(schemas.violations("finance.invoice.paid.v1", json.readTree(InvoiceEventsTest.paid("I1", deal)))).isEmpty();
        assertThat(schemas.violations("finance.invoice.issued.v1", json.readTree("{\"invoiceId\":\"bad\",\"amount\":12000,\"currency\":\"RMB!\"}")))
                .isNotEmpty();
    }
}
