package org.crmsuite.localstack;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;

/**
 * A real Kafka broker in the launcher's JVM: one KRaft node that is broker and controller at once, on
 * 127.0.0.1:19092, its log directory in the state folder (formatted on the first start, kept after), and the suite's
 * topics and their dead-letter twins created up front with three partitions each.
 */
public final class KafkaNode implements Node {

    private static final int NODE_ID = 1;

    private final Path logDirectory;
    private final Path log;
    private volatile KafkaRaftServer server;

    public KafkaNode(StateFolder state) {
        this.logDirectory = state.kafka();
        this.log = state.log("kafka");
    }

    @Override
    public String name() {
        return "Kafka";
    }

    @Override
    public List<Integer> ports() {
        return List.of(Endpoints.KAFKA, Endpoints.KAFKA_CONTROLLER);
    }

    @Override
    public Path log() {
        return log;
    }

    @Override
    public void start() throws Exception {
        KafkaConfig config = new KafkaConfig(brokerProperties(), false);
        formatOnFirstStart(config);
        KafkaRaftServer raftServer = new KafkaRaftServer(config, Time.SYSTEM);
        server = raftServer;
        raftServer.startup();
        createTopics();
    }

    private Properties brokerProperties() {
        Properties properties = new Properties();
        properties.put("process.roles", "broker,controller");
        properties.put("node.id", String.valueOf(NODE_ID));
        properties.put("controller.quorum.voters", NODE_ID + "@" + Endpoints.HOST + ":" + Endpoints.KAFKA_CONTROLLER);
        properties.put("listeners", "PLAINTEXT://" + Endpoints.KAFKA_BOOTSTRAP + ",CONTROLLER://" + Endpoints.HOST + ":" + Endpoints.KAFKA_CONTROLLER);
        properties.put("advertised.listeners", "PLAINTEXT://" + Endpoints.KAFKA_BOOTSTRAP);
        properties.put("controller.listener.names", "CONTROLLER");
        properties.put("inter.broker.listener.name", "PLAINTEXT");
        properties.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        properties.put("log.dirs", logDirectory.toString());
        properties.put("num.partitions", String.valueOf(Endpoints.TOPIC_PARTITIONS));
        properties.put("default.replication.factor", "1");
        properties.put("min.insync.replicas", "1");
        properties.put("offsets.topic.replication.factor", "1");
        properties.put("offsets.topic.num.partitions", "10");
        properties.put("transaction.state.log.replication.factor", "1");
        properties.put("transaction.state.log.min.isr", "1");
        properties.put("transaction.state.log.num.partitions", "5");
        properties.put("share.coordinator.state.topic.replication.factor", "1");
        properties.put("share.coordinator.state.topic.min.isr", "1");
        properties.put("group.initial.rebalance.delay.ms", "0");
        properties.put("auto.create.topics.enable", "true");
        // A developer machine: keep a week of events, at most 1 GiB per partition.
        properties.put("log.retention.hours", "168");
        properties.put("log.retention.bytes", String.valueOf(1L << 30));
        properties.put("log.segment.bytes", String.valueOf(64L << 20));
        // The log cleaner (compacted topics: the consumer offsets) takes its whole dedupe buffer on the heap at start,
        // 128 MiB by default; a developer machine's offsets need a sliver of that.
        properties.put("log.cleaner.dedupe.buffer.size", String.valueOf(8L << 20));
        return properties;
    }

    /** Formats the log directory once, like {@code kafka-storage.sh format}; a formatted directory is kept as it is. */
    private void formatOnFirstStart(KafkaConfig config) throws Exception {
        if (Files.isRegularFile(logDirectory.resolve("meta.properties"))) {
            return;
        }
        Files.createDirectories(logDirectory);
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        new Formatter()
                .setPrintStream(new PrintStream(output, true, StandardCharsets.UTF_8))
                .setNodeId(NODE_ID)
                .setClusterId(Uuid.randomUuid().toString())
                .setControllerListenerName("CONTROLLER")
                .setMetadataLogDirectory(config.metadataLogDir())
                .setDirectories(List.of(logDirectory.toString()))
                .setHasDynamicQuorum(false)
                .run();
        Files.writeString(log, output.toString(StandardCharsets.UTF_8), StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    }

    /** Creates the topics that do not exist yet (all of them on the first start). */
    private void createTopics() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, Endpoints.KAFKA_BOOTSTRAP,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 60_000))) {
            Set<String> existing = admin.listTopics().names().get(60, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (String topic : Endpoints.TOPICS) {
                for (String name : List.of(topic, topic + Endpoints.DEAD_LETTER_SUFFIX)) {
                    if (!existing.contains(name)) {
                        missing.add(new NewTopic(name, Endpoints.TOPIC_PARTITIONS, (short) 1));
                    }
                }
            }
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(60, TimeUnit.SECONDS);
            }
        }
    }

    @Override
    public void close() {
        KafkaRaftServer running = server;
        server = null;
        if (running != null) {
            try {
                running.shutdown();
                running.awaitShutdown();
            } catch (RuntimeException e) {
                System.err.println("  Kafka did not stop cleanly: " + e);
            }
        }
    }
}
