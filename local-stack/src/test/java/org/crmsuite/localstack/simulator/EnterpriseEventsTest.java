package org.crmsuite.localstack.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.crmsuite.localstack.simulator.EnterpriseEvents.KnownCustomer;
import org.crmsuite.localstack.simulator.EnterpriseEvents.Outbound;
import org.crmsuite.platform.events.EventSchemas;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** What the simulator publishes is what a real ERP and finance system must send: valid against the inbound schemas. */
class EnterpriseEventsTest {

    private static final Instant NOW = Instant.parse("2026-11-23T08:00:00Z");
    private final EventSchemas schemas = new EventSchemas();
    private final EnterpriseEvents events = new EnterpriseEvents(new Random(), 1);

    @RepeatedTest(20)
    void ordersAndTheirCancellationMatchTheErpSchemas() {
        Outbound placed = events.orderPlaced(new KnownCustomer(UUID.randomUUID(), "91310115MA1K4CXT4L"), NOW);
        assertValid(placed);
        assertThat(placed.key()).isEqualTo(placed.payload().get("orderId"));
        @SuppressWarnings("unchecked")
        List<Map<String, String>> lines = (List<Map<String, String>>) placed.payload().get("lines");
        BigDecimal sum = lines.stream().map(line -> new BigDecimal(line.get("lineTotal"))).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(new BigDecimal((String) placed.payload().get("amount"))).isEqualByComparingTo(sum);
        assertValid(events.orderCancelled(placed, NOW.plusSeconds(60)));
    }

    @Test
    void aCustomerWithoutUsccIsNamedById() {
        Outbound placed = events.orderPlaced(new KnownCustomer(UUID.randomUUID(), null), NOW);
        assertThat(placed.payload().get("customerId")).isNotNull();
        assertValid(placed);
    }

    @Test
    void invoicesOfAWonDealMatchTheFinanceSchemas() {
        Map<String, Object> won = Map.of("opportunityId", UUID.randomUUID().toString(), "customerId", UUID.randomUUID().toString(),
                "amount", "186000.00", "currency", "CNY");
        Outbound issued = events.invoiceIssued(won, NOW.minusSeconds(40L * 86_400), 30);
        assertValid(issued);
        assertValid(events.invoicePaid(issued, NOW));
        Outbound overdue = events.invoiceOverdue(issued, NOW);
        assertValid(overdue);
        assertThat(overdue.payload().get("daysOverdue")).isEqualTo(10L);
    }

    private void assertValid(Outbound event) {
        assertThat(schemas.violations(event.type(), JsonMapper.shared().valueToTree(event.payload()))).as(event.type()).isEmpty();
    }
}
