package org.crmsuite.localstack.simulator;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.crmsuite.localstack.demo.DemoApi;
import org.crmsuite.localstack.simulator.EnterpriseEvents.KnownCustomer;
import org.crmsuite.localstack.simulator.EnterpriseEvents.Outbound;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The ERP and the finance system of a demo company, so a newcomer sees the customer 360 and the KPIs move without
 * writing anything: the ERP places an order for a demo customer every few seconds (now and then cancelling one), and
 * finance invoices every deal the suite reports won, then sees most invoices paid and some go overdue. It publishes
 * exactly as a real integrator would (CloudEvents headers, keys, the schemas of the integration guide) and knows the
 * customers only through the public API, as the steward would.
 */
public final class EnterpriseSystemsSimulator implements AutoCloseable {

    private static final String DEMO_USER = "steward";

    private final String bootstrapServers;
    private final DemoApi api;
    private final Duration orderInterval;
    private final Path log;
    private final Clock clock = Clock.systemUTC();
    private final Random random = new Random();
    private final EnterpriseEvents events = new EnterpriseEvents(random, 1 + Instant.now().getEpochSecond() % 100_000 * 10);
    private final List<KnownCustomer> customers = new CopyOnWriteArrayList<>();
    private final List<Outbound> recentOrders = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(1, runnable -> {
        Thread thread = new Thread(runnable, "erp-finance-simulator");
        thread.setDaemon(true);
        return thread;
    });
    private KafkaProducer<String, String> producer;
    private KafkaConsumer<String, String> wonDeals;
    private Thread wonDealReader;
    private volatile boolean running;

    public EnterpriseSystemsSimulator(String bootstrapServers, DemoApi api, Duration orderInterval, Path log) {
        this.bootstrapServers = bootstrapServers;
        this.api = api;
        this.orderInterval = orderInterval;
        this.log = log;
    }

    public void start() {
        Properties producerConfig = new Properties();
        producerConfig.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        producerConfig.put(ProducerConfig.CLIENT_ID_CONFIG, "erp-finance-simulator");
        producer = new KafkaProducer<>(producerConfig, new StringSerializer(), new StringSerializer());
        running = true;
        scheduler.scheduleWithFixedDelay(this::refreshCustomers, 0, 60, TimeUnit.SECONDS);
        scheduler.scheduleWithFixedDelay(this::placeOrder, orderInterval.toMillis(), orderInterval.toMillis(), TimeUnit.MILLISECONDS);
        wonDealReader = Thread.ofPlatform().daemon().name("erp-finance-simulator-finance").start(this::invoiceWonDeals);
    }

    private void refreshCustomers() {
        try {
            JsonNode page = api.get(DEMO_USER, "/api/v1/customers?size=200&status=ACTIVE");
            List<KnownCustomer> found = new ArrayList<>();
            for (JsonNode customer : page.path("items")) {
                String uscc = customer.path("uscc").isTextual() ? customer.path("uscc").asText() : null;
                found.add(new KnownCustomer(UUID.fromString(customer.path("id").asText()), uscc));
            }
            if (!found.isEmpty()) {
                customers.clear();
                customers.addAll(found);
            }
        } catch (RuntimeException e) {
            note("could not list customers (" + e.getMessage() + "); trying again in a minute");
        }
    }

    private void placeOrder() {
        if (customers.isEmpty()) {
            return;
        }
        try {
            Instant now = clock.instant();
            if (!recentOrders.isEmpty() && random.nextInt(20) == 0) {
                publish(events.orderCancelled(recentOrders.remove(random.nextInt(recentOrders.size())), now));
                return;
            }
            Outbound order = events.orderPlaced(customers.get(random.nextInt(customers.size())), now);
            publish(order);
            recentOrders.add(order);
            if (recentOrders.size() > 50) {
                recentOrders.remove(0);
            }
        } catch (RuntimeException e) {
            note("order not published: " + e.getMessage());
        }
    }

    /** Finance reads the suite's sales events, as an integrator would, and invoices every won deal. */
    private void invoiceWonDeals() {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "finance-simulator");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        wonDeals = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
        try (KafkaConsumer<String, String> consumer = wonDeals) {
            consumer.subscribe(List.of("crm.sales.events"));
            while (running) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofSeconds(1))) {
                    Header type = record.headers().lastHeader("ce_type");
                    if (type != null && "crm.opportunity.won.v1".equals(new String(type.value(), StandardCharsets.UTF_8))) {
                        invoice(JsonMapper.shared().readValue(record.value(), Map.class));
                    }
                }
            }
        } catch (WakeupException stopping) {
            // close() woke the poll
        } catch (RuntimeException e) {
            note("finance stopped reading won deals: " + e);
        }
    }

    @SuppressWarnings("unchecked")
    private void invoice(Map<?, ?> won) {
        boolean paysLate = random.nextInt(5) == 0;
        // A late payer's invoice is dated back so that it is already past due: demo time runs in minutes, not months.
        Instant issuedAt = paysLate ? clock.instant().minus(Duration.ofDays(40)) : clock.instant();
        Outbound issued = events.invoiceIssued((Map<String, Object>) won, issuedAt, 30);
        publish(issued);
        scheduler.schedule(() -> publish(paysLate ? events.invoiceOverdue(issued, clock.instant()) : events.invoicePaid(issued, clock.instant())),
                paysLate ? 20 : 45, TimeUnit.SECONDS);
    }

    private void publish(Outbound event) {
        ProducerRecord<String, String> record = new ProducerRecord<>(event.topic(), event.key(), JsonMapper.shared().writeValueAsString(event.payload()));
        header(record, "ce_specversion", "1.0");
        header(record, "ce_id", UUID.randomUUID().toString());
        header(record, "ce_source", event.source());
        header(record, "ce_type", event.type());
        header(record, "ce_subject", event.key());
        header(record, "ce_time", clock.instant().toString());
        header(record, "ce_dataschema", "urn:crm:event-schema:" + event.type());
        header(record, "content-type", "application/json");
        producer.send(record, (metadata, error) -> note(error == null
                ? event.type() + " " + event.key() + " " + event.payload().getOrDefault("amount", event.payload().getOrDefault("amountDue", ""))
                : event.type() + " " + event.key() + " NOT published: " + error.getMessage()));
    }

    private static void header(ProducerRecord<String, String> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private synchronized void note(String line) {
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND))) {
            out.println(clock.instant() + " " + line);
        } catch (IOException e) {
            // the log is a courtesy; the simulation goes on
        }
    }

    @Override
    public void close() {
        running = false;
        scheduler.shutdownNow();
        if (wonDeals != null) {
            wonDeals.wakeup();
        }
        if (wonDealReader != null) {
            try {
                wonDealReader.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }
}
