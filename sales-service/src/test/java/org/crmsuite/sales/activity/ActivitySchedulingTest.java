package org.crmsuite.sales.activity;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.crmsuite.platform.events.Topics;
import org.crmsuite.platform.outbox.Outbox;
import org.crmsuite.platform.test.EventProbe;
import org.crmsuite.sales.ApiTestSupport;
import org.crmsuite.sales.MutableClock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reminders and follow-up visits happen exactly once with two scheduler instances (two replicas) racing on the same
 * database, across "restarts" (fresh instances), with a clock the test moves. The activities live in 2099 so the
 * application's own scheduler (system clock) never touches them.
 */
class ActivitySchedulingTest extends ApiTestSupport {

    static final Instant BASE = Instant.parse("2099-01-01T00:00:00Z");

    @Autowired
    Outbox outbox;
    @Autowired
    PlatformTransactionManager transactions;

    final MutableClock clock = new MutableClock(BASE, ZoneId.of("Asia/Shanghai"));

    ActivityReminders reminders() {
        return new ActivityReminders(db, outbox, new TransactionTemplate(transactions), clock, 4);
    }

    FollowUpPlans plans() {
        return new FollowUpPlans(db, new TransactionTemplate(transactions), clock, Duration.ofDays(7), Duration.ofDays(1), 4);
    }

    /** Runs both instances at the same time; answers the sum of what they did. */
    static int race(Callable<Integer> a, Callable<Integer> b) throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            List<Future<Integer>> done = pool.invokeAll(List.of(a, b));
            int total = 0;
            for (Future<Integer> f : done) {
                total += f.get();
            }
            return total;
        }
    }

    long visits(UUID customer) {
        return db.sql("SELECT count(*) FROM activity WHERE customer_id = :c").param("c", customer).query(Long.class).single();
    }

    long dueEvents(String subject) {
        return db.sql("SELECT count(*) FROM outbox_event WHERE event_type = 'crm.activity.due.v1' AND payload LIKE :subject")
                .param("subject", "%" + subject + "%").query(Long.class).single();
    }

    @Test
    void eachReminderIsSentOnceByTwoRacingReplicasAndAfterARestart() throws Exception {
        String lead = (String) post(REP, "/api/v1/sales/leads", Map.of("company", "扬州重工有限公司", "source", "OTHER")).getBody().get("id");
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> subjects = new ArrayList<>();
        String cancelled = null;
        for (int i = 0; i < 30; i++) {
            String subject = "call " + run + " #" + i + ";";
            subjects.add(subject);
            var planned = post(REP, "/api/v1/sales/activities", Map.of("type", "CALL", "subject", subject, "leadId", lead,
                    "dueAt", BASE.plus(Duration.ofHours(1)).toString(), "remindAt", BASE.plus(Duration.ofMinutes(i)).toString()));
            assertThat(planned.getStatusCode().value()).isEqualTo(201);
            if (i == 5) {
                post(REP, "/api/v1/sales/activities/" + planned.getBody().get("id") + "/cancellation", Map.of(), etag(planned));
                cancelled = subject;
            }
        }

        // Other tests' activities share the database, so only this test's own reminders are counted.
        clock.set(BASE.plus(Duration.ofMinutes(10)).plusSeconds(30));
        ActivityReminders one = reminders();
        ActivityReminders two = reminders();
        race(one::sendDue, two::sendDue);
        for (int i = 0; i < subjects.size(); i++) {
            String subject = subjects.get(i);
            assertThat(dueEvents(subject)).as(subject).isEqualTo(i <= 10 && !subject.equals(cancelled) ? 1 : 0);
        }
        clock.set(BASE.plus(Duration.ofMinutes(45)));
        race(one::sendDue, two::sendDue);
        assertThat(race(reminders()::sendDue, reminders()::sendDue)).as("after a restart").isZero();

        for (String subject : subjects) {
            assertThat(dueEvents(subject)).as(subject).isEqualTo(subject.equals(cancelled) ? 0 : 1);
        }
        try (EventProbe probe = EventProbe.onSharedKafka(Topics.SALES)) {
            var event = probe.awaitEvent(e -> e.type().equals("crm.activity.due.v1") && e.text("subject").equals(subjects.get(29)));
            assertThat(event.text("leadId")).isEqualTo(lead);
            assertThat(event.text("ownerId")).isEqualTo("rep");
            probe.assertAllMatchTheirSchemas();
        }
    }

    @Test
    void aFollowUpPlanMakesOneVisitPerPeriod() throws Exception {
        UUID customer = UUID.randomUUID();
        var started = post(REP, "/api/v1/sales/follow-up-plans", Map.of("customerId", customer.toString(), "subject", "双周回访",
                "every", 2, "unit", "WEEKS", "firstVisitAt", "2099-03-01T02:00:00Z"));
        assertThat(started.getStatusCode().value()).isEqualTo(201);
        FollowUpPlans one = plans();
        FollowUpPlans two = plans();

        // Other tests' plans share the database, so only this plan's visits are counted.
        clock.set(Instant.parse("2099-02-20T00:00:00Z"));
        race(one::createDue, two::createDue);
        assertThat(visits(customer)).isZero();
        clock.set(Instant.parse("2099-02-23T00:00:00Z"));
        race(one::createDue, two::createDue);
        assertThat(visits(customer)).isEqualTo(1);
        race(one::createDue, two::createDue);
        assertThat(visits(customer)).isEqualTo(1);
        clock.set(Instant.parse("2099-04-20T00:00:00Z"));
        race(plans()::createDue, plans()::createDue);
        assertThat(visits(customer)).as("after a restart, three periods later").isEqualTo(5);

        List<Map<String, Object>> visits = db.sql("SELECT type, plan_period, due_at, remind_at, owner_id FROM activity WHERE customer_id = :c ORDER BY plan_period")
                .param("c", customer).query().listOfRows();
        assertThat(visits).extracting(v -> v.get("plan_period")).containsExactly(0, 1, 2, 3, 4);
        assertThat(visits).extracting(v -> v.get("type")).containsOnly("VISIT");
        assertThat(visits).extracting(v -> ((java.sql.Timestamp) v.get("due_at")).toInstant().toString())
                .containsExactly("2099-03-01T02:00:00Z", "2099-03-15T02:00:00Z", "2099-03-29T02:00:00Z", "2099-04-12T02:00:00Z", "2099-04-26T02:00:00Z");
        var plan = get(REP, "/api/v1/sales/follow-up-plans/" + started.getBody().get("id"));
        assertThat(plan.getBody().get("nextPeriod")).isEqualTo(5);
    }
}
