package org.crmsuite.notification.delivery;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.mail.internet.MimeMessage;

import org.crmsuite.notification.NotificationTestSupport;
import org.crmsuite.notification.TestEvents;
import org.crmsuite.platform.events.EventSchemas;
import org.crmsuite.platform.events.Topics;
import org.crmsuite.platform.test.EventProbe;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** From an event on Kafka to mail in the SMTP server and a message in the inbox, in the recipient's language. */
class EventToMailTest extends NotificationTestSupport {

    @org.springframework.beans.factory.annotation.Autowired
    org.crmsuite.notification.template.TemplateVariables templateVariables;

    @Test
    void ticketAssignedReachesTheAssigneeByMailInTheirLanguageAndZoneAndInTheInbox() throws Exception {
        preferences("agent.wang", Map.of("language", "en", "zone", "Europe/Berlin", "email", "wang@example.com"));
        String number = TestEvents.ticketNumber();
        String eventId = publish(Topics.TICKET, "crm.ticket.assigned.v1", "t-" + number, TestEvents.ticketAssigned(number, "agent.wang"));

        MimeMessage mail = awaitMailTo("wang@example.com", number);
        assertThat(mail.getSubject()).isEqualTo("Ticket " + number + " is assigned to you");
        // 2026-03-01T02:30Z is 03:30 in Berlin (CET)
        assertThat(body(mail)).contains("by service.manager at 1 Mar 2026, 03:30 (CET)");

        await().atMost(Duration.ofSeconds(20)).until(() -> notificationsOf(eventId).stream().allMatch(n -> "DELIVERED".equals(n.get("status"))));
        var inbox = get(tokenOf("agent.wang", "service-agent"), "/api/v1/notifications/inbox");
        assertThat(items(inbox)).anySatisfy(item -> assertThat(item.get("subject")).isEqualTo("Ticket " + number + " is assigned to you"));
        try (EventProbe probe = EventProbe.onSharedKafka(Topics.NOTIFICATION)) {
            probe.awaitEvent(e -> e.type().equals("crm.notification.delivered.v1") && eventId.equals(e.text("sourceEventId"))
                    && "EMAIL".equals(e.text("channel")));
            probe.assertAllMatchTheirSchemas();
        }
    }

    @Test
    void aDataQualityIssueReachesTheStewardItWasAssignedTo() throws Exception {
        String code = "C-" + String.format("%06d", 900000 + java.util.concurrent.ThreadLocalRandom.current().nextInt(99999));
        Map<String, Object> payload = TestEvents.qualityIssueAssigned(code, "steward.he");
        // the payload is the platform catalogue's contract, as customer-service records it
        assertThat(new EventSchemas().violations("crm.customer.quality-issue-assigned.v1",
                tools.jackson.databind.json.JsonMapper.builder().build().valueToTree(payload))).isEmpty();
        assertThat(templateVariables.of("crm.customer.quality-issue-assigned.v1")).get(org.assertj.core.api.InstanceOfAssertFactories.COLLECTION)
                .contains("department", "note", "score", "dueAt");
        String eventId = publish(Topics.CUSTOMER, "crm.customer.quality-issue-assigned.v1", (String) payload.get("customerId"), payload);

        MimeMessage mail = awaitMailTo("steward.he@crm.example.com", code);
        assertThat(mail.getSubject()).isEqualTo("数据质量问题已分派：" + code);
        assertThat(body(mail)).contains("steward.lead", "MISSING_FIELD");
        await().atMost(Duration.ofSeconds(20)).until(() -> notificationsOf(eventId).size() == 2);
        assertThat(notificationsOf(eventId)).extracting(n -> n.get("channel")).containsExactlyInAnyOrder("EMAIL", "IN_APP");
    }

    @Test
    void aUserWithoutPreferencesGetsTheDefaultChineseMailAtTheConfiguredAddress() throws Exception {
        String number = TestEvents.ticketNumber();
        publish(Topics.TICKET, "crm.ticket.assigned.v1", "t-" + number, TestEvents.ticketAssigned(number, "agent.zhao"));

        MimeMessage mail = awaitMailTo("agent.zhao@crm.example.com", number);
        assertThat(mail.getSubject()).isEqualTo("工单 " + number + " 已分派给您");
        // 02:30Z is 10:30 in Shanghai
        assertThat(body(mail)).contains("2026年3月1日 10:30");
    }

    @Test
    void aRedeliveredEventNotifiesOnce() throws Exception {
        String number = TestEvents.ticketNumber();
        Map<String, Object> payload = TestEvents.ticketAssigned(number, "agent.qian");
        String eventId = publish(Topics.TICKET, "crm.ticket.assigned.v1", "t-" + number, payload);
        publish(Topics.TICKET, eventId, "crm.ticket.assigned.v1", "t-" + number, payload);
        publish(Topics.TICKET, eventId, "crm.ticket.assigned.v1", "t-" + number, payload);

        awaitMailTo("agent.qian@crm.example.com", number);
        // a later event on the same partition has been consumed: the repeats before it surely were too
        String marker = TestEvents.ticketNumber();
        publish(Topics.TICKET, "crm.ticket.assigned.v1", "t-" + number, TestEvents.ticketAssigned(marker, "agent.qian"));
        awaitMailTo("agent.qian@crm.example.com", marker);

        assertThat(mailsTo("agent.qian@crm.example.com", number)).hasSize(1);
        assertThat(notificationsOf(eventId)).extracting(n -> n.get("channel")).containsExactly("EMAIL", "IN_APP");
        assertThat(db.sql("SELECT count(*) FROM delivery_attempt a JOIN notification n ON n.id = a.notification_id WHERE n.source_event_id = ?")
                .param(eventId).query(Long.class).single()).isEqualTo(2);
    }

    @Test
    void eventTypesNoRuleMentionsAreIgnoredAndLeaveNoTrace() {
        String number = TestEvents.ticketNumber();
        String commented = publish(Topics.TICKET, "crm.ticket.commented.v1", "t-" + number, Map.of("ticketId", "x", "body", "hello", "extra", 1));
        String future = publish(Topics.TICKET, "crm.ticket.teleported.v9", "t-" + number, Map.of("anything", "goes"));
        // a later event with the same key (same partition) is applied: the two before it were consumed already
        String marker = publish(Topics.TICKET, "crm.ticket.assigned.v1", "t-" + number, TestEvents.ticketAssigned(number, "agent.wu"));
        await().atMost(Duration.ofSeconds(30)).until(() -> !notificationsOf(marker).isEmpty());
        assertThat(notificationsOf(commented)).isEmpty();
        assertThat(notificationsOf(future)).isEmpty();
        assertThat(db.sql("SELECT count(*) FROM processed_event WHERE event_id IN (?, ?)").params(commented, future).query(Long.class).single()).isZero();
    }

    @Test
    void quietHoursHoldBackAReminderButLetABreachThrough() throws Exception {
        ZoneId zone = ZoneId.of("Asia/Shanghai");
        LocalTime now = Instant.now().atZone(zone).toLocalTime();
        Map<String, Object> prefs = new HashMap<>(Map.of("language", "zh-CN", "zone", zone.getId(), "email", "sun@example.com",
                "quietStart", now.minusHours(1).withNano(0).withSecond(0).toString(), "quietEnd", now.plusHours(1).withNano(0).withSecond(0).toString()));
        preferences("agent.sun", prefs);

        String reminder = publish(Topics.SALES, "crm.activity.due.v1", "a-sun", TestEvents.activityDue("agent.sun"));
        String number = TestEvents.ticketNumber();
        String breach = publish(Topics.TICKET, "crm.ticket.sla-breached.v1", "t-" + number, TestEvents.slaBreached(number, "agent.sun"));

        MimeMessage mail = awaitMailTo("sun@example.com", number);
        assertThat(mail.getSubject()).isEqualTo("SLA 已违约：工单 " + number);
        await().atMost(Duration.ofSeconds(20)).until(() -> notificationsOf(reminder).size() == 2);
        List<Map<String, Object>> held = notificationsOf(reminder);
        assertThat(held).allSatisfy(n -> {
            assertThat(n.get("status")).isEqualTo("PENDING");
            assertThat(((java.sql.Timestamp) n.get("next_attempt_at")).toInstant()).isAfter(Instant.now().plus(Duration.ofMinutes(50)));
        });
        assertThat(mailsTo("sun@example.com", "回访")).isEmpty();
        assertThat(notificationsOf(breach)).allSatisfy(n -> assertThat(n.get("status")).isIn("DELIVERED", "SENDING", "PENDING"));
    }

    @Test
    void aBreachTextsTheQueueManagerThroughTheSmsProvider() {
        RECEIVER.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post("/sms/send")
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(202)));
        preferences("service.manager", Map.of("language", "zh-CN", "zone", "Asia/Shanghai", "email", "manager@example.com", "phone", "+8613800138000"));
        String number = TestEvents.ticketNumber();
        publish(Topics.TICKET, "crm.ticket.sla-breached.v1", "t-" + number, TestEvents.slaBreached(number, null));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> RECEIVER.verify(com.github.tomakehurst.wiremock.client.WireMock
                .postRequestedFor(com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo("/sms/send"))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath("$.to", com.github.tomakehurst.wiremock.client.WireMock.equalTo("+8613800138000")))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing(number))));
    }

    private MimeMessage awaitMailTo(String address, String containing) {
        await().atMost(Duration.ofSeconds(30)).until(() -> !mailsTo(address, containing).isEmpty());
        return mailsTo(address, containing).getFirst();
    }

    static List<MimeMessage> mailsTo(String address, String containing) {
        return Arrays.stream(MAIL.getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getAllRecipients()).anyMatch(r -> r.toString().equals(address))
                        && (m.getSubject().contains(containing) || body(m).contains(containing));
            } catch (Exception e) {
                return false;
            }
        }).toList();
    }

    static String body(MimeMessage message) throws Exception {
        Object content = message.getContent();
        return content instanceof String text ? text : String.valueOf(content);
    }
}
