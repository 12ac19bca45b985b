package org.crmsuite.notification;

import org.crmsuite.platform.test.ServiceConventions;
import org.junit.jupiter.api.Test;

/** The service boots on real infrastructure and keeps the conventions every service promises. */
class NotificationServiceSkeletonTest extends NotificationTestSupport {

    @Test
    void bootsWithHealthMetricsAndApiDocsAndRefusesAnonymousCalls() {
        ServiceConventions.assertFollowed(port, "notification-service", "Notification service API", "/api/v1/notifications");
    }
}
