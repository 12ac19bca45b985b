package org.crmsuite.notification.directory;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import jakarta.mail.internet.MimeMessage;

import org.crmsuite.notification.NotificationTestSupport;
import org.crmsuite.notification.TestEvents;
import org.crmsuite.platform.events.Topics;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A user without saved preferences is reached at the directory's address, in its language and zone; their manager through manager-of. */
class DirectoryRecipientsTest extends NotificationTestSupport {

    @Test
    void theDirectoryGivesAddressLanguageZoneAndManager() throws Exception {
        ResponseEntity<Map> rule = post(ADMIN, "/api/v1/notifications/rules", Map.of("eventType", "crm.ticket.assigned.v1",
                "recipient", "manager-of:assignee", "channels", List.of("IN_APP"), "description", "the assignee's manager"));
        assertThat(rule.getStatusCode().value()).as("%s", rule.getBody()).isEqualTo(201);
        String ruleId = (String) rule.getBody().get("id");
        try {
            String number = TestEvents.ticketNumber();
            String eventId = publish(Topics.TICKET, "crm.ticket.assigned.v1", "t-" + number, TestEvents.ticketAssigned(number, "agent.dir"));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(notificationsOf(eventId))
                    .extracting(n -> n.get("recipient") + "/" + n.get("channel") + "/" + n.get("address"))
                    .containsExactly("agent.dir/EMAIL/dir.agent@corp.example.com", "agent.dir/IN_APP/agent.dir", "boss.dir/IN_APP/boss.dir"));
            await().atMost(Duration.ofSeconds(30)).until(() -> mail("dir.agent@corp.example.com", number) != null);
            MimeMessage mail = mail("dir.agent@corp.example.com", number);
            assertThat(mail.getSubject()).isEqualTo("Ticket " + number + " is assigned to you");
            // 2026-03-01T02:30Z is 21:30 the day before in New York (EST)
            assertThat(String.valueOf(mail.getContent())).contains("28 Feb 2026, 21:30");
        } finally {
            delete(ADMIN, "/api/v1/notifications/rules/" + ruleId, get(ADMIN, "/api/v1/notifications/rules/" + ruleId).getHeaders().getETag());
        }
    }

    private static MimeMessage mail(String address, String containing) {
        return Arrays.stream(MAIL.getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getAllRecipients()).anyMatch(r -> r.toString().equals(address)) && m.getSubject().contains(containing);
            } catch (Exception e) {
                return false;
            }
        }).findFirst().orElse(null);
    }
}
