package org.crmsuite.ticket;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.crmsuite.platform.test.UseKafka;
import org.crmsuite.platform.test.UseMongo;
import org.crmsuite.platform.test.UseTestIssuer;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * The one Spring test context of ticket-service: every HTTP test class carries exactly this, so the context is
 * built once and cached. The clock is a {@link MutableClock} the tests move forward; customer-service is a WireMock
 * stub ({@link CustomerServiceStub}) that knows every customer unless a test says otherwise.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "crm.outbox.poll-interval=200ms",
        "crm.ticket.sla.scheduler.enabled=false",
        "crm.ticket.customer-service.read-timeout=1500ms"})
@UseMongo
@UseKafka
@UseTestIssuer
@Import({MutableClock.Configuration.class, CustomerServiceStub.Configuration.class})
public @interface TicketServiceTest {
}
