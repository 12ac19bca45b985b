package org.crmsuite.ticket;

import org.crmsuite.platform.test.ServiceConventions;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The service boots on real infrastructure and keeps the conventions every service promises. */
@TicketServiceTest
class TicketServiceSkeletonTest {

    @LocalServerPort
    int port;

    @Test
    void bootsWithHealthMetricsAndApiDocsAndRefusesAnonymousCalls() {
        ServiceConventions.assertFollowed(port, "ticket-service", "Ticket service API", "/api/v1/tickets");
    }
}
