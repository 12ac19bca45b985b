package org.crmsuite.analytics;

import org.crmsuite.platform.test.ServiceConventions;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The service boots on real infrastructure and keeps the conventions every service promises. */
@AnalyticsServiceTest
class AnalyticsServiceSkeletonTest {

    @LocalServerPort
    int port;

    @Test
    void bootsWithHealthMetricsAndApiDocsAndRefusesAnonymousCalls() {
        ServiceConventions.assertFollowed(port, "analytics-service", "Analytics service API", "/api/v1/analytics");
    }
}
