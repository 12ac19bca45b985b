package org.crmsuite.analytics.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.IntStream;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.bson.Document;
import org.crmsuite.analytics.event.AnalyticsEvent;
import org.crmsuite.analytics.event.EventKeys;
import org.crmsuite.analytics.support.HistoryGenerator;
import org.crmsuite.platform.test.SharedMongo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

import tools.jackson.databind.json.JsonMapper;

/**
 * The per-key event streams in buckets of at most {@code stream-bucket-events} events (3 here), on the MongoDB wire
 * server: complete and in order across buckets, however the events were batched or redelivered, continuing streams of
 * the one-document form and streams a restarted store has not seen, and a rebuild writes what the intake wrote.
 */
class EventStreamBucketsTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String KEY = "customer:c1";

    MongoClient client;
    MongoTemplate mongo;

    @BeforeEach
    void database() {
        String uri = SharedMongo.newDatabaseUri("event_stream_buckets");
        client = MongoClients.create(uri);
        mongo = new MongoTemplate(client, uri.substring(uri.lastIndexOf('/') + 1));
    }

    @AfterEach
    void close() {
        client.close();
    }

    MongoReadModelStore store() {
        return new MongoReadModelStore(mongo, 3);
    }

    static AnalyticsEvent event(int n) {
        return new AnalyticsEvent("e" + n, "test.unknown.v1", "test", "s" + n, Instant.parse("2026-01-01T00:00:00Z").plusSeconds(n), 0, n,
                JSON.readTree("{\"n\":" + n + "}"));
    }

    static List<AnalyticsEvent> events(int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(EventStreamBucketsTest::event).toList();
    }

    static List<String> ids(int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(n -> "e" + n).toList();
    }

    static final Function<AnalyticsEvent, Set<String>> ONE_KEY = event -> Set.of(KEY);

    List<String> history(MongoReadModelStore store, String key) {
        return store.histories(List.of(key)).getOrDefault(key, List.of()).stream().map(AnalyticsEvent::id).toList();
    }

    /** Each bucket's {@code _id} → its {@code count}, checked against the events it holds. */
    Map<String, Integer> buckets() {
        Map<String, Integer> counts = new TreeMap<>();
        for (Document bucket : mongo.getCollection(MongoReadModelStore.STREAMS).find()) {
            int events = bucket.getList("events", Document.class).size();
            assertThat(bucket.getInteger("count", events)).as("count of %s", bucket.get("_id")).isEqualTo(events);
            counts.put(bucket.getString("_id"), events);
        }
        return counts;
    }

    Document head(String key) {
        return mongo.getCollection(MongoReadModelStore.STREAMS).find(new Document("_id", key)).first();
    }

    @Test
    void aStreamOfManyBucketsReadsBackCompleteAndInOrderAlsoAfterARestart() {
        MongoReadModelStore store = store();
        for (AnalyticsEvent event : events(1, 8)) {
            assertThat(store.append(event, Set.of(KEY, "ticket:t" + (event.offset() % 2)))).isTrue();
        }
        store.appendAll(events(9, 20), ONE_KEY);
        assertThat(history(store, KEY)).isEqualTo(ids(1, 20));
        assertThat(store.eventsWithAnyKey(List.of(KEY, "ticket:t0"))).extracting(AnalyticsEvent::id).isEqualTo(ids(1, 20));
        assertThat(history(store, "ticket:t1")).containsExactly("e1", "e3", "e5", "e7");
        assertThat(buckets()).containsEntry(KEY, 3).containsEntry(KEY + "#1", 3).containsEntry(KEY + "#6", 2)
                .doesNotContainKey(KEY + "#7").containsEntry("ticket:t1", 3).containsEntry("ticket:t1#1", 1);
        assertThat(head(KEY).getInteger("buckets")).isEqualTo(7);

        MongoReadModelStore restarted = store(); // remembers no stream end: reads it from bucket 0's head
        assertThat(restarted.appendEvents(events(21, 22), ONE_KEY).newKeys()).isEmpty();
        assertThat(history(restarted, KEY)).isEqualTo(ids(1, 22));
        assertThat(buckets()).containsEntry(KEY + "#6", 3).containsEntry(KEY + "#7", 1);
        assertThat(head(KEY).getInteger("buckets")).isEqualTo(8);
    }

    @Test
    void oneBatchCrossesBucketBoundariesAndNamesOnlyTheStreamsItCreated() {
        MongoReadModelStore store = store();
        ReadModelStore.Appended first = store.appendEvents(events(1, 8), ONE_KEY);
        assertThat(first.stored()).hasSize(8);
        assertThat(first.newKeys()).containsExactly(KEY);
        assertThat(buckets()).isEqualTo(Map.of(KEY, 3, KEY + "#1", 3, KEY + "#2", 2));
        ReadModelStore.Appended second = store.appendEvents(events(9, 13), event -> event.offset() == 13 ? Set.of(KEY, "ticket:t") : Set.of(KEY));
        assertThat(second.newKeys()).containsExactly("ticket:t");
        assertThat(buckets()).isEqualTo(Map.of(KEY, 3, KEY + "#1", 3, KEY + "#2", 3, KEY + "#3", 3, KEY + "#4", 1, "ticket:t", 1));
        assertThat(history(store, KEY)).isEqualTo(ids(1, 13));
    }

    @Test
    void aRedeliveryAcrossABoundaryIsLeftOut() {
        MongoReadModelStore store = store();
        store.appendAll(events(1, 5), ONE_KEY);
        List<AnalyticsEvent> redelivered = new ArrayList<>(events(4, 8));
        redelivered.add(event(6)); // twice in one batch too
        assertThat(store.appendAll(redelivered, ONE_KEY)).extracting(AnalyticsEvent::id).containsExactly("e6", "e7", "e8");
        assertThat(store.appendEvents(events(1, 8), ONE_KEY).stored()).isEmpty();
        assertThat(store().appendAll(events(3, 4), ONE_KEY)).isEmpty();
        assertThat(history(store, KEY)).isEqualTo(ids(1, 8));
        assertThat(buckets()).isEqualTo(Map.of(KEY, 3, KEY + "#1", 3, KEY + "#2", 2));
    }

    /** What earlier versions wrote: one document per key, its events embedded, no count and no head. */
    void oneDocumentStream(String key, int from, int to) {
        List<Document> embedded = new ArrayList<>();
        for (AnalyticsEvent event : events(from, to)) {
            Document raw = new Document("_id", event.id()).append("type", event.type()).append("topic", event.topic())
                    .append("subject", event.subject()).append("time", java.util.Date.from(event.time()))
                    .append("partition", 0).append("offset", event.offset()).append("keys", List.of(key))
                    .append("data", JSON.writeValueAsString(event.data())).append("receivedAt", new java.util.Date());
            mongo.getCollection(MongoReadModelStore.EVENTS).insertOne(raw);
            embedded.add(raw);
        }
        mongo.getCollection(MongoReadModelStore.STREAMS).insertOne(new Document("_id", key).append("events", embedded));
    }

    @Test
    void aStreamOfTheOneDocumentFormStillReadsAndKeepsGrowingInBuckets() {
        oneDocumentStream(KEY, 1, 10); // longer than a bucket
        oneDocumentStream("ticket:t", 11, 12); // shorter than a bucket
        MongoReadModelStore store = store();
        assertThat(history(store, KEY)).isEqualTo(ids(1, 10));

        assertThat(store.appendEvents(events(13, 17), ONE_KEY).newKeys()).isEmpty();
        assertThat(store.appendEvents(events(18, 19), event -> Set.of("ticket:t")).newKeys()).isEmpty();
        assertThat(history(store, KEY)).containsExactlyElementsOf(concat(ids(1, 10), ids(13, 17)));
        assertThat(history(store, "ticket:t")).containsExactly("e11", "e12", "e18", "e19");
        assertThat(buckets()).isEqualTo(Map.of(KEY, 10, KEY + "#1", 3, KEY + "#2", 2, "ticket:t", 3, "ticket:t#1", 1));
        assertThat(head(KEY).getInteger("count")).isEqualTo(10);

        MongoReadModelStore restarted = store();
        restarted.appendAll(events(20, 21), ONE_KEY);
        assertThat(history(restarted, KEY)).containsExactlyElementsOf(concat(ids(1, 10), ids(13, 17), ids(20, 21)));
        assertThat(buckets()).containsEntry(KEY + "#2", 3).containsEntry(KEY + "#3", 1);

        // a rebuild cuts the one-document stream into buckets
        store.dropReadModels();
        assertThat(history(store(), KEY)).containsExactlyElementsOf(concat(ids(1, 10), ids(13, 17), ids(20, 21)));
        assertThat(buckets()).containsEntry(KEY, 3).containsEntry(KEY + "#5", 2).doesNotContainKey(KEY + "#6");
    }

    /** A write that failed after a bucket beyond bucket 0's head was written: the next append adopts it. */
    @Test
    void aBucketBeyondTheHeadIsAdoptedByTheNextAppend() {
        MongoReadModelStore store = store();
        store.appendAll(events(1, 5), ONE_KEY); // buckets 0 (3) and 1 (2)
        mongo.getCollection(MongoReadModelStore.STREAMS).updateOne(new Document("_id", KEY), new Document("$set", new Document("buckets", 1)));
        assertThat(history(store, KEY)).isEqualTo(ids(1, 3)); // a reader follows the head
        store().appendAll(events(6, 7), ONE_KEY);
        assertThat(head(KEY).getInteger("buckets")).isEqualTo(3);
        assertThat(history(store, KEY)).isEqualTo(ids(1, 7));
    }

    static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    static List<String> concat(List<String> a, List<String> b, List<String> c) {
        return concat(concat(a, b), c);
    }

    /**
     * Generated histories, redelivered and applied in random polls through the projector: the rebuild's bucketed
     * streams hold what the intake's hold, bucket by bucket, and the read models it folds from them are the live ones.
     */
    @Test
    void aRebuildWritesTheStreamsAndReadModelsTheIntakeWrote() {
        for (long seed = 1; seed <= 3; seed++) {
            mongo.getDb().drop();
            HistoryGenerator generator = new HistoryGenerator(seed);
            List<AnalyticsEvent> delivered = generator.redelivered(generator.generate(HistoryGenerator.Sizes.small()));
            MongoReadModelStore store = store();
            Projector projector = new Projector(store, 20); // a small histories cache: most refolds read the buckets
            Random random = new Random(seed);
            for (int i = 0; i < delivered.size(); ) {
                int poll = 1 + random.nextInt(40);
                projector.applyAll(delivered.subList(i, Math.min(delivered.size(), i + poll)));
                i += poll;
            }
            Set<String> keys = new TreeSet<>();
            store.forEachEvent(event -> keys.addAll(EventKeys.of(event)));
            Map<String, List<AnalyticsEvent>> liveHistories = store.histories(keys);
            Map<String, Integer> liveBuckets = buckets();
            Map<ReadModel, List<String>> live = snapshot(store);
            assertThat(liveBuckets.values()).allMatch(count -> count <= 3);
            assertThat(liveBuckets.size()).isGreaterThan(keys.size()); // streams of many buckets

            projector.rebuild();
            assertThat(buckets()).isEqualTo(liveBuckets);
            assertThat(store.histories(keys)).isEqualTo(liveHistories);
            assertThat(snapshot(store)).isEqualTo(live);
        }
    }

    static Map<ReadModel, List<String>> snapshot(MongoReadModelStore store) {
        Map<ReadModel, List<String>> snapshot = new LinkedHashMap<>();
        for (ReadModel model : ReadModel.values()) {
            snapshot.put(model, store.rawJson(model));
        }
        return snapshot;
    }
}
