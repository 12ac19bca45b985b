package org.crmsuite.notification;

import org.crmsuite.platform.test.ServiceConventions;
import org.crmsuite.platform.test.UseKafka;
import org.crmsuite.platform.test.UsePostgres;
import org.crmsuite.platform.test.UseTestIssuer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The service boots on real infrastructure and keeps the conventions every service promises. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@UsePostgres
@UseKafka
@UseTestIssuer
class NotificationServiceSkeletonTest {

    @LocalServerPort
    int port;

    @Test
    void bootsWithHealthMetricsAndApiDocsAndRefusesAnonymousCalls() {
        ServiceConventions.assertFollowed(port, "notification-service", "Notification service API", "/api/v1/notifications");
    }
}
