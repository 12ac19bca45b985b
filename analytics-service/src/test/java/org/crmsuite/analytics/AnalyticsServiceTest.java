package org.crmsuite.analytics;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.crmsuite.platform.test.UseKafka;
import org.crmsuite.platform.test.UseMongo;
import org.crmsuite.platform.test.UseTestIssuer;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The one Spring test context of analytics-service: every HTTP test class carries exactly this, so the context (and
 * its Kafka consumer) is built once. Its own consumer group replays the shared broker's topics into a fresh database.
 * Its stream buckets hold 3 events (production 500), so the tests run on streams of many buckets.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "crm.analytics.consumer-group=analytics-test-${random.uuid}",
        "crm.consumer.retry.initial-backoff=100ms",
        // tiny stream buckets: every key with more than 3 events spans buckets, so each test crosses their boundaries
        "crm.analytics.stream-bucket-events=3"})
@UseMongo
@UseKafka
@UseTestIssuer
public @interface AnalyticsServiceTest {
}
