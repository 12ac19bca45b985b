package org.crmsuite.ticket.sla;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.bson.Document;
import org.crmsuite.platform.events.InboundEvent;
import org.crmsuite.platform.events.Topics;
import org.crmsuite.platform.outbox.PendingEvents;
import org.crmsuite.platform.test.EventProbe;
import org.crmsuite.platform.test.TestIssuer;
import org.crmsuite.ticket.MutableClock;
import org.crmsuite.ticket.TicketServiceTest;
import org.crmsuite.ticket.config.TicketProperties;
import org.crmsuite.ticket.ticket.TicketStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.mongodb.autoconfigure.MongoConnectionDetails;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * SLA due times live on the ticket and follow its priority and status; the scheduler raises each warning and breach
 * exactly once with two replicas over the same database, and again none after a restart.
 */
@TicketServiceTest
class SlaSchedulerTest {

    static final String AGENT = TestIssuer.get().token("agent.sla", List.of("service-agent"), List.of("/service/tier-1"));
    /** Monday 30 November 2026, 09:00 in Shanghai. */
    static final Instant MONDAY_0900 = Instant.parse("2026-11-30T01:00:00Z");

    @LocalServerPort
    int port;
    @Autowired
    MutableClock clock;
    @Autowired
    SlaScheduler replicaA;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    MongoConnectionDetails mongoDetails;
    @Autowired
    PendingEvents pending;
    @Autowired
    TicketProperties ticketProperties;
    @Autowired
    EscalationChain escalationChain;
    RestClient http;
    List<MongoClient> otherClients = new java.util.ArrayList<>();

    @BeforeEach
    void setUp() {
        http = RestClient.builder().baseUrl("http://127.0.0.1:" + port).defaultStatusHandler(status -> true, (request, response) -> { }).build();
        clock.set(MONDAY_0900);
    }

    @AfterEach
    void tearDown() {
        otherClients.forEach(MongoClient::close);
    }

    /** A second replica: its own connection to the same database, its own scheduler. */
    SlaScheduler anotherReplica() {
        MongoClient client = MongoClients.create(mongoDetails.getConnectionString());
        otherClients.add(client);
        MongoTemplate other = new MongoTemplate(client, mongo.getDb().getName());
        return new SlaScheduler(other, pending, ticketProperties, clock, 100, new SimpleMeterRegistry(), escalationChain);
    }

    @Test
    void dueTimesAreStoredAndFollowPriorityAndWaitingOnTheCustomer() {
        ResponseEntity<Map> opened = open("P2");
        Map<String, Object> sla = (Map<String, Object>) opened.getBody().get("sla");
        // P2: first response 2 h, resolution 8 h of business time (09:00-18:00) from Monday 09:00.
        assertThat(sla).containsEntry("policy", "P2/default").containsEntry("firstResponseDueAt", "2026-11-30T03:00:00Z")
                .containsEntry("resolutionDueAt", "2026-11-30T09:00:00Z").containsEntry("paused", false);
        String location = opened.getHeaders().getLocation().toString();

        ResponseEntity<Map> p1 = http.patch().uri(location).header(HttpHeaders.AUTHORIZATION, "Bearer " + AGENT).header(HttpHeaders.IF_MATCH, "\"0\"")
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("priority", "P1")).retrieve().toEntity(Map.class);
        assertThat((Map<String, Object>) p1.getBody().get("sla")).containsEntry("policy", "P1/default")
                .containsEntry("resolutionDueAt", "2026-11-30T05:00:00Z");

        String etag = status(location, "\"1\"", "ASSIGNED_BY_TAKING");
        etag = status(location, etag, "IN_PROGRESS");
        clock.advance(Duration.ofHours(1));
        etag = status(location, etag, "WAITING_ON_CUSTOMER");
        assertThat((Map<String, Object>) get(location).get("sla")).containsEntry("paused", true);
        clock.advance(Duration.ofDays(1)); // Tuesday 10:00: a whole business day waited
        status(location, etag, "IN_PROGRESS");
        // 3 h of business time were left at Monday 10:00; resumed Tuesday 10:00, due Tuesday 13:00 (05:00Z).
        assertThat((Map<String, Object>) get(location).get("sla")).containsEntry("paused", false)
                .containsEntry("resolutionDueAt", "2026-12-01T05:00:00Z");
    }

    @Test
    void twoReplicasRaiseEachWarningAndBreachExactlyOnceAndARestartRaisesNoneAgain() throws Exception {
        String late = (String) open("P1").getBody().get("id");
        String waitingLocation = open("P1").getHeaders().getLocation().toString();
        String waiting = waitingLocation.substring(waitingLocation.lastIndexOf('/') + 1);
        String etag = status(waitingLocation, "\"0\"", "ASSIGNED_BY_TAKING");
        etag = status(waitingLocation, etag, "IN_PROGRESS");
        status(waitingLocation, etag, "WAITING_ON_CUSTOMER");
        SlaScheduler replicaB = anotherReplica();

        clock.advance(Duration.ofMinutes(50)); // past the first-response warning (75 % of 1 h)
        runConcurrently(replicaA, replicaB);
        assertThat(alerts(late)).containsExactly("FIRST_RESPONSE_WARNING");

        clock.advance(Duration.ofHours(5)); // past every target of a P1 (1 h / 4 h)
        for (int round = 0; round < 3; round++) {
            runConcurrently(replicaA, replicaB);
        }
        assertThat(alerts(late)).containsExactlyInAnyOrder("FIRST_RESPONSE_WARNING", "FIRST_RESPONSE_BREACH", "RESOLUTION_WARNING",
                "RESOLUTION_BREACH");
        assertThat(alerts(waiting)).isEmpty();

        // Still unresolved at 1.5 × the 4 h target (15:00): the second escalation, once, by whichever replica claims it.
        SlaScheduler restarted = anotherReplica();
        clock.advance(Duration.ofHours(1));
        runConcurrently(restarted, replicaA);
        assertThat(alerts(late)).hasSize(5).contains("RESOLUTION_ESCALATION");

        SlaScheduler restartedAgain = anotherReplica();
        clock.advance(Duration.ofHours(1)); // 16:50, before level 3 (2 × 4 h: 17:00)
        restartedAgain.runOnce();
        replicaA.runOnce();
        assertThat(alerts(late)).hasSize(5);

        // Level 3 of the chain (2 × the target, to a named user), once across two replicas and two restarts.
        clock.advance(Duration.ofMinutes(20));
        runConcurrently(anotherReplica(), restartedAgain);
        assertThat(alerts(late)).hasSize(6).contains("RESOLUTION_ESCALATION_3");
        clock.advance(Duration.ofDays(3));
        runConcurrently(anotherReplica(), replicaA);
        assertThat(alerts(late)).hasSize(6);

        await().atMost(Duration.ofSeconds(30)).until(() -> mongo.findById(late, Document.class, TicketStore.COLLECTION)
                .getList(PendingEvents.FIELD, Document.class).isEmpty());
        try (EventProbe probe = EventProbe.onSharedKafka(Topics.TICKET)) {
            probe.awaitEvent(e -> e.type().equals("crm.ticket.escalated.v1") && late.equals(e.subject())
                    && e.data().get("level").asInt() == 3);
            List<InboundEvent> mine = probe.events().stream().filter(e -> late.equals(e.subject())).toList();
            assertThat(mine).filteredOn(e -> e.type().equals("crm.ticket.sla-warning.v1")).extracting(e -> e.text("target"))
                    .containsExactlyInAnyOrder("FIRST_RESPONSE", "RESOLUTION");
            assertThat(mine).filteredOn(e -> e.type().equals("crm.ticket.sla-breached.v1")).extracting(e -> e.text("target"))
                    .containsExactlyInAnyOrder("FIRST_RESPONSE", "RESOLUTION");
            assertThat(mine).filteredOn(e -> e.type().equals("crm.ticket.escalated.v1")).extracting(e -> e.data().get("level").asInt() + ":" + e.text("escalatedTo"))
                    .containsExactlyInAnyOrder("1:service.manager", "1:service.manager", "2:service.director", "3:operations.director");
            assertThat(probe.events()).filteredOn(e -> waiting.equals(e.subject())).extracting(InboundEvent::type)
                    .doesNotContain("crm.ticket.sla-warning.v1", "crm.ticket.sla-breached.v1");
            probe.assertAllMatchTheirSchemas();
        }
    }

    @Test
    void aFirstResponseInTimeStopsTheFirstResponseAlerts() {
        String location = open("P1").getHeaders().getLocation().toString();
        String id = location.substring(location.lastIndexOf('/') + 1);
        clock.advance(Duration.ofMinutes(20));
        http.post().uri(location + "/comments").header(HttpHeaders.AUTHORIZATION, "Bearer " + AGENT).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("body", "我们已收到，正在排查。")).retrieve().toBodilessEntity();
        clock.advance(Duration.ofHours(3)); // 3 h 20 min in: past the resolution warning (3 h), before its breach (4 h)
        replicaA.runOnce();
        assertThat(alerts(id)).containsExactly("RESOLUTION_WARNING");
    }

    void runConcurrently(SlaScheduler a, SlaScheduler b) throws Exception {
        CyclicBarrier start = new CyclicBarrier(2);
        CompletableFuture<Integer> first = CompletableFuture.supplyAsync(() -> awaitThen(start, a));
        CompletableFuture<Integer> second = CompletableFuture.supplyAsync(() -> awaitThen(start, b));
        CompletableFuture.allOf(first, second).get();
    }

    static int awaitThen(CyclicBarrier start, SlaScheduler scheduler) {
        try {
            start.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return scheduler.runOnce();
    }

    List<String> alerts(String id) {
        List<String> alerts = mongo.findById(id, Document.class, TicketStore.COLLECTION).getList(TicketStore.SLA_ALERTS, String.class);
        return alerts == null ? List.of() : alerts;
    }

    ResponseEntity<Map> open(String priority) {
        return http.post().uri("/api/v1/tickets").header(HttpHeaders.AUTHORIZATION, "Bearer " + AGENT).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("customerId", UUID.randomUUID().toString(), "channel", "EMAIL", "type", "INCIDENT", "priority", priority,
                        "subject", "系统无法登录")).retrieve().toEntity(Map.class);
    }

    /** Moves the ticket; ASSIGNED_BY_TAKING makes the agent take it (assignment), the rest are status changes. */
    String status(String location, String etag, String status) {
        ResponseEntity<Map> response = status.equals("ASSIGNED_BY_TAKING")
                ? http.post().uri(location + "/assignment").header(HttpHeaders.AUTHORIZATION, "Bearer " + AGENT).header(HttpHeaders.IF_MATCH, etag)
                        .contentType(MediaType.APPLICATION_JSON).body(Map.of("assignee", "agent.sla")).retrieve().toEntity(Map.class)
                : http.post().uri(location + "/status").header(HttpHeaders.AUTHORIZATION, "Bearer " + AGENT).header(HttpHeaders.IF_MATCH, etag)
                        .contentType(MediaType.APPLICATION_JSON).body(Map.of("status", status)).retrieve().toEntity(Map.class);
        assertThat(response.getStatusCode().value()).as("%s: %s", status, response.getBody()).isEqualTo(200);
        return response.getHeaders().getETag();
    }

    Map<String, Object> get(String location) {
        return http.get().uri(location).header(HttpHeaders.AUTHORIZATION, "Bearer " + AGENT).retrieve().body(Map.class);
    }
}
