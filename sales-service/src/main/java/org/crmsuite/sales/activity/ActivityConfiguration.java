package org.crmsuite.sales.activity;

import java.time.Clock;

import org.crmsuite.platform.outbox.Outbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The reminder and follow-up checks, run on a fixed delay by every replica (they claim rows, so none is done twice). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ActivityProperties.class)
class ActivityConfiguration {

    @Bean
    ActivityReminders activityReminders(JdbcClient jdbc, Outbox outbox, PlatformTransactionManager transactions, Clock clock,
            ActivityProperties properties) {
        return new ActivityReminders(jdbc, outbox, new TransactionTemplate(transactions), clock, properties.batchSize());
    }

    @Bean
    FollowUpPlans followUpPlans(JdbcClient jdbc, PlatformTransactionManager transactions, Clock clock, ActivityProperties properties) {
        return new FollowUpPlans(jdbc, new TransactionTemplate(transactions), clock, properties.followUpLeadTime(),
                properties.followUpRemindBefore(), properties.batchSize());
    }

    @Configuration(proxyBeanMethods = false)
    @EnableScheduling
    @ConditionalOnProperty(name = "crm.sales.activities.scheduler-enabled", havingValue = "true", matchIfMissing = true)
    static class Schedule {

        private static final Logger log = LoggerFactory.getLogger(Schedule.class);
        private final ActivityReminders reminders;
        private final FollowUpPlans plans;

        Schedule(ActivityReminders reminders, FollowUpPlans plans) {
            this.reminders = reminders;
            this.plans = plans;
        }

        @Scheduled(fixedDelayString = "${crm.sales.activities.check-interval:PT30S}", initialDelayString = "PT5S")
        void check() {
            try {
                int visits = plans.createDue();
                int sent = reminders.sendDue();
                if (visits + sent > 0) {
                    log.info("follow-up visits created: {}, activity reminders sent: {}", visits, sent);
                }
            } catch (RuntimeException e) {
                log.warn("activity check failed; retried at the next run", e);
            }
        }
    }
}
