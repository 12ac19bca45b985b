package org.crmsuite.benchmark;

import java.io.IOException;
import java.io.Reader;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.postgresql.PGConnection;

/**
 * What the suite's figures are read against, measured on the same machine in the same run: PostgreSQL's own insert
 * and COPY rate (plain JDBC, a scratch database), the Kafka broker's own produce rate (a scratch topic), and the same
 * read direct to the service versus through the gateway.
 */
public final class Ceilings {

    public record Rate(String what, long units, double seconds, String unit) {

        public double perSecond() {
            return seconds <= 0 ? 0 : units / seconds;
        }
    }

    private static final String ROW_TEXT = "杭州云栖科技有限公司 文三路 90 号 5 楼 软件和信息技术服务业 ";

    /** Batched INSERT (500 rows a batch, one commit a batch) and COPY FROM STDIN of the same rows into a scratch table. */
    public static List<Rate> postgres(int rows) throws SQLException, IOException {
        try (Connection admin = DriverManager.getConnection(StackLauncher.POSTGRES + "postgres", "postgres", "")) {
            try (Statement statement = admin.createStatement()) {
                statement.execute("DROP DATABASE IF EXISTS bench_scratch");
                statement.execute("CREATE DATABASE bench_scratch");
            }
        }
        try (Connection db = DriverManager.getConnection(StackLauncher.POSTGRES + "bench_scratch", "postgres", "")) {
            try (Statement statement = db.createStatement()) {
                // Like a customer row: a uuid key, a few text columns, a timestamp, a btree index besides the key.
                statement.execute("CREATE TABLE t (id uuid PRIMARY KEY, name text NOT NULL, city text, phone text, created_at timestamptz NOT NULL DEFAULT now())");
                statement.execute("CREATE INDEX t_name ON t (name)");
            }
            db.setAutoCommit(false);
            long begin = System.nanoTime();
            try (PreparedStatement insert = db.prepareStatement("INSERT INTO t (id, name, city, phone) VALUES (?, ?, ?, ?)")) {
                for (int i = 0; i < rows; i++) {
                    insert.setObject(1, new java.util.UUID(1, i));
                    insert.setString(2, ROW_TEXT + i);
                    insert.setString(3, "杭州市");
                    insert.setString(4, "+86139" + i);
                    insert.addBatch();
                    if (i % 500 == 499) {
                        insert.executeBatch();
                        db.commit();
                    }
                }
                insert.executeBatch();
                db.commit();
            }
            Rate inserts = new Rate("PostgreSQL INSERT, JDBC batches of 500, a commit per batch", rows, (System.nanoTime() - begin) / 1e9, "rows");
            long copyBegin = System.nanoTime();
            long copied = db.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY t (id, name, city, phone) FROM STDIN WITH (FORMAT csv)",
                    new CsvReader(rows, 2));
            db.commit();
            Rate copy = new Rate("PostgreSQL COPY FROM STDIN (csv)", copied, (System.nanoTime() - copyBegin) / 1e9, "rows");
            return List.of(inserts, copy);
        } finally {
            try (Connection admin = DriverManager.getConnection(StackLauncher.POSTGRES + "postgres", "postgres", "");
                 Statement statement = admin.createStatement()) {
                statement.execute("DROP DATABASE IF EXISTS bench_scratch");
            }
        }
    }

    /** Rows generated on the fly as CSV text, so the file is never held in memory. */
    private static final class CsvReader extends Reader {
        private final int rows;
        private final long prefix;
        private int next;
        private String pending = "";
        private int offset;

        CsvReader(int rows, long prefix) {
            this.rows = rows;
            this.prefix = prefix;
        }

        @Override
        public int read(char[] buffer, int off, int len) {
            if (offset >= pending.length()) {
                if (next >= rows) {
                    return -1;
                }
                StringBuilder chunk = new StringBuilder();
                for (int i = 0; i < 1000 && next < rows; i++, next++) {
                    chunk.append(new java.util.UUID(prefix, next)).append(",\"").append(ROW_TEXT).append(next).append("\",杭州市,+86139").append(next).append('\n');
                }
                pending = chunk.toString();
                offset = 0;
            }
            int n = Math.min(len, pending.length() - offset);
            pending.getChars(offset, offset + n, buffer, off);
            offset += n;
            return n;
        }

        @Override
        public void close() {
        }
    }

    /** The broker's own produce rate: 1 KiB records, acks=all, idempotent, on a 3-partition scratch topic. */
    public static Rate kafka(int records) throws Exception {
        String topic = "bench.scratch." + System.currentTimeMillis();
        try (Admin admin = Kafka.admin()) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get();
            byte[] value = new byte[1024];
            new Random(1).nextBytes(value);
            String text = java.util.Base64.getEncoder().encodeToString(value).substring(0, 1024);
            long begin = System.nanoTime();
            AtomicInteger failed = new AtomicInteger();
            try (KafkaProducer<String, String> producer = Kafka.producer()) {
                for (int i = 0; i < records; i++) {
                    producer.send(new ProducerRecord<>(topic, Integer.toString(i), text), (metadata, error) -> {
                        if (error != null) {
                            failed.incrementAndGet();
                        }
                    });
                }
                producer.flush();
            }
            double seconds = (System.nanoTime() - begin) / 1e9;
            admin.deleteTopics(List.of(topic)).all().get();
            return new Rate("Kafka produce, 1 KiB records, acks=all, linger 5 ms", records - failed.get(), seconds, "records");
        }
    }

    /** Runs the same request with this many concurrent virtual users for a while; returns the recorder. */
    public static LatencyRecorder closedLoop(int users, long seconds, Supplier<Api.Answer> request) throws InterruptedException {
        LatencyRecorder recorder = new LatencyRecorder();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int u = 0; u < users; u++) {
                pool.submit(() -> {
                    while (System.nanoTime() < end) {
                        Api.Answer answer = request.get();
                        if (answer.ok()) {
                            recorder.record(answer.micros());
                        } else {
                            recorder.recordError();
                        }
                    }
                });
            }
        }
        return recorder;
    }
}
