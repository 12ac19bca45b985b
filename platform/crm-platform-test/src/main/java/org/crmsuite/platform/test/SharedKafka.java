package org.crmsuite.platform.test;

import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.crmsuite.platform.events.Topics;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * One real Kafka broker (KRaft, in this JVM) per test JVM, with the suite's topics and their dead-letter twins
 * created up front. Tests that take Kafka away make a broker of their own with {@link #behindProxy()}.
 */
public final class SharedKafka {

    public static final int PARTITIONS = 3;
    private static volatile EmbeddedKafkaKraftBroker broker;

    public static synchronized EmbeddedKafkaKraftBroker broker() {
        if (broker == null) {
            broker = start();
            Runtime.getRuntime().addShutdownHook(new Thread(broker::destroy, "shared-kafka-stop"));
        }
        return broker;
    }

    public static String bootstrapServers() {
        return broker().getBrokersAsString();
    }

    /**
     * A broker of its own that clients reach only through a {@link TcpProxy}: the broker advertises the proxy's
     * address, so cutting the proxy takes Kafka away from every client while the broker keeps its logs and
     * committed offsets, as in a real outage. Clients use {@link Outage#bootstrapServers()}.
     */
    public static Outage behindProxy() {
        TcpProxy proxy = new TcpProxy(FreePorts.next(), "127.0.0.1", 0);
        try {
            KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                    .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).build())
                    .setConfigProp("advertised.listeners", "EXTERNAL://127.0.0.1:" + proxy.port())
                    .setConfigProp("num.partitions", String.valueOf(PARTITIONS))
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .build();
            cluster.format();
            cluster.startup();
            // The broker binds a port of its own choosing; only now can the proxy point at it.
            String bound = cluster.bootstrapServers().split(",")[0];
            proxy.retarget(Integer.parseInt(bound.substring(bound.lastIndexOf(':') + 1)));
            cluster.waitForReadyBrokers();
            return new Outage(cluster, proxy);
        } catch (Exception e) {
            proxy.close();
            throw new IllegalStateException("cannot start a Kafka broker behind a proxy", e);
        }
    }

    /** A broker behind a proxy that a test cuts and restores. */
    public record Outage(KafkaClusterTestKit cluster, TcpProxy proxy) implements AutoCloseable {

        public String bootstrapServers() {
            return "127.0.0.1:" + proxy.port();
        }

        @Override
        public void close() {
            proxy.close();
            try {
                cluster.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static EmbeddedKafkaKraftBroker start() {
        EmbeddedKafkaKraftBroker kafka = new EmbeddedKafkaKraftBroker(1, PARTITIONS);
        // By default the broker writes its address into the system property spring.kafka.bootstrap-servers, which
        // would silently win over every test's own setting: publish it under a name of our own instead.
        kafka.brokerListProperty("crm.test.shared-kafka.bootstrap-servers");
        kafka.brokerProperty("auto.create.topics.enable", "true");
        kafka.brokerProperty("num.partitions", String.valueOf(PARTITIONS));
        kafka.brokerProperty("group.initial.rebalance.delay.ms", "0");
        kafka.brokerProperty("log.flush.interval.messages", "1000000");
        kafka.afterPropertiesSet();
        List<NewTopic> topics = new ArrayList<>();
        for (String topic : Topics.ALL) {
            topics.add(new NewTopic(topic, PARTITIONS, (short) 1));
            topics.add(new NewTopic(Topics.deadLetterOf(topic), PARTITIONS, (short) 1));
        }
        kafka.addTopics(topics.toArray(NewTopic[]::new));
        return kafka;
    }

    private SharedKafka() {
    }
}
