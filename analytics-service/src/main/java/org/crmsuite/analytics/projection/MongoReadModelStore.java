package org.crmsuite.analytics.projection;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import org.bson.Document;
import org.crmsuite.analytics.event.AnalyticsEvent;
import org.crmsuite.analytics.model.CustomerProfile;
import org.crmsuite.analytics.model.MergeFact;
import org.springframework.data.mongodb.core.MongoTemplate;

import tools.jackson.databind.json.JsonMapper;

/**
 * MongoDB: the raw events in {@value #EVENTS} ({@code _id} = ce_id, so a redelivery is a duplicate key), the read
 * models one collection each ({@code _id} = aggregate id, the model as JSON in {@code json} plus the fields queried).
 * Only single-document writes, finds with {@code $in} and plain upserts: the same on the wire server and MongoDB 7.
 * The per-key streams are bucketed ({@link #STREAMS}) so none outgrows the 16 MB document limit.
 */
public class MongoReadModelStore implements ReadModelStore {

    public static final String EVENTS = "event";
    /** Documents per reply: the wire server otherwise answers a large find in one reply beyond the driver's 48 MB limit. */
    static final int BATCH = 2_000;
    /**
     * The events of each key, embedded in buckets of at most {@code stream-bucket-events} events each, so no stream
     * outgrows MongoDB's 16 MB document limit: bucket 0 is {@code _id} = key (the one-document form of earlier versions
     * is a valid bucket 0) and holds the head {@code buckets} (how many there are), bucket n &gt; 0 is {@code _id} =
     * {@code key#n} with {@code key} and {@code bucket}; each bucket has its {@code count}. Reading a history is
     * {@code _id} lookups only (bucket 0, then the others with {@code $in}), which every MongoDB, the wire server
     * included, serves from its primary index.
     */
    public static final String STREAMS = "event_stream";
    /** The default of {@code crm.analytics.stream-bucket-events}: 500 events of ~1-2 KB stay far below 16 MB. */
    public static final int DEFAULT_BUCKET_EVENTS = 500;
    /** Keys whose stream end the appender remembers (least recently appended evicted; a miss costs one read). */
    static final int REMEMBERED_ENDS = 100_000;
    /**
     * The {@code customer:}/{@code uscc:} keys whose 360s the second pass has not refolded yet ({@code _id} = key),
     * written by the intake before its offsets are committed and removed by the pass: what a crash between them left.
     */
    public static final String PENDING_360 = "customer_360_pending";

    private final MongoTemplate mongo;
    private final JsonMapper json = JsonMapper.builder().build();
    /**
     * Writes the read models without their null fields (a null and an absent field read back alike): the documents
     * are what each write encodes, sends and the server stores (a benchmark 360 of 40 events: 18.4 → 14.9 KB); event
     * payloads keep {@link #json}, as a fold tells a field sent as null from one not sent.
     */
    private final JsonMapper modelJson = modelMapper();

    static JsonMapper modelMapper() {
        return JsonMapper.builder()
                .changeDefaultPropertyInclusion(inclusion -> inclusion.withValueInclusion(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL))
                .build();
    }
    private final List<ReadModelListener> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Override
    public void addListener(ReadModelListener listener) {
        listeners.add(listener);
    }

    public MongoReadModelStore(MongoTemplate mongo) {
        this(mongo, DEFAULT_BUCKET_EVENTS);
    }

    /** @param bucketEvents the most events one stream bucket holds ({@code crm.analytics.stream-bucket-events}) */
    public MongoReadModelStore(MongoTemplate mongo, int bucketEvents) {
        if (bucketEvents < 1) {
            throw new IllegalArgumentException("a stream bucket holds at least one event");
        }
        this.mongo = mongo;
        this.bucketEvents = bucketEvents;
    }

    private final int bucketEvents;

    /**
     * Where a key's stream ends: its last bucket and that bucket's events; {@code headBehind} when a bucket beyond
     * bucket 0's {@code buckets} was found (a write that failed before its head update), so the next append fixes it.
     */
    private record StreamEnd(int bucket, int count, boolean headBehind) {
    }

    /**
     * The stream ends of the keys appended to lately. The appends are serialized (the projector's lock, one instance
     * per service: README), so what this remembers is what is stored; a failed write forgets its keys.
     */
    private final java.util.Map<String, StreamEnd> ends = new java.util.LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(java.util.Map.Entry<String, StreamEnd> eldest) {
            return size() > REMEMBERED_ENDS;
        }
    };

    static String bucketId(String key, int bucket) {
        return bucket == 0 ? key : key + "#" + bucket;
    }

    public void ensureIndexes() {
        mongo.getCollection(EVENTS).createIndex(Indexes.ascending("keys"));
        mongo.getCollection(EVENTS).createIndex(Indexes.ascending("time"));
        mongo.getCollection(ReadModel.PROFILE.collection()).createIndex(Indexes.ascending("usccs"));
        mongo.getCollection(ReadModel.MERGE.collection()).createIndex(Indexes.ascending("loserId"));
        mongo.getCollection(ReadModel.MERGE.collection()).createIndex(Indexes.ascending("survivorId"), new IndexOptions());
    }

    @Override
    public boolean append(AnalyticsEvent event, Set<String> keys) {
        return !appendEvents(List.of(event), e -> keys).stored().isEmpty();
    }

    private Document document(AnalyticsEvent event, Set<String> keys) {
        return new Document("_id", event.id()).append("type", event.type()).append("topic", event.topic())
                .append("subject", event.subject()).append("time", Date.from(event.time()))
                .append("partition", event.partition()).append("offset", event.offset())
                .append("keys", List.copyOf(keys)).append("data", json.writeValueAsString(event.data()))
                .append("receivedAt", new Date());
    }

    /**
     * A batch in a few round trips whatever its size: one unordered {@code insertMany} (an event whose id is stored
     * already fails alone with a duplicate key: a redelivery, left out), one {@code _id $in} read of the stream ends
     * the appender does not remember, one unordered bulk of one {@code $push $each} per key and bucket, in the batch's
     * order, and, only when buckets were opened, one bulk of head updates.
     */
    @Override
    public List<AnalyticsEvent> appendAll(List<AnalyticsEvent> events, java.util.function.Function<AnalyticsEvent, Set<String>> keysOf) {
        return appendEvents(events, keysOf).stored();
    }

    /** As {@link #appendAll}; the keys that had no stream bucket 0 before are new. */
    @Override
    public synchronized Appended appendEvents(List<AnalyticsEvent> events, java.util.function.Function<AnalyticsEvent, Set<String>> keysOf) {
        java.util.Map<String, AnalyticsEvent> unique = new java.util.LinkedHashMap<>();
        events.forEach(event -> unique.putIfAbsent(event.id(), event));
        if (unique.isEmpty()) {
            return new Appended(List.of(), Set.of());
        }
        List<AnalyticsEvent> fresh = new ArrayList<>(unique.values());
        List<Document> documents = new ArrayList<>(fresh.size());
        List<Set<String>> keys = new ArrayList<>(fresh.size());
        for (AnalyticsEvent event : fresh) {
            Set<String> eventKeys = keysOf.apply(event);
            keys.add(eventKeys);
            documents.add(document(event, eventKeys));
        }
        Set<Integer> duplicates = new java.util.HashSet<>();
        try {
            mongo.getCollection(EVENTS).insertMany(documents, new com.mongodb.client.model.InsertManyOptions().ordered(false));
        } catch (com.mongodb.MongoBulkWriteException e) {
            for (com.mongodb.bulk.BulkWriteError error : e.getWriteErrors()) {
                if (error.getCode() != 11000) {
                    throw e;
                }
                duplicates.add(error.getIndex());
            }
        }
        java.util.Map<String, List<Document>> streams = new java.util.LinkedHashMap<>();
        List<AnalyticsEvent> stored = new ArrayList<>(fresh.size());
        for (int i = 0; i < fresh.size(); i++) {
            if (duplicates.contains(i)) {
                continue;
            }
            stored.add(fresh.get(i));
            for (String key : keys.get(i)) {
                streams.computeIfAbsent(key, k -> new ArrayList<>()).add(documents.get(i));
            }
        }
        Set<String> created = new java.util.LinkedHashSet<>();
        appendToStreams(streams, created);
        return new Appended(stored, created);
    }

    /**
     * Appends each key's events after its stream's end, filling its last bucket up to {@link #bucketEvents} and opening
     * the next ones ({@code _id} upserts), then raises bucket 0's head {@code buckets} where buckets were opened: a
     * reader follows the head, so it never sees a bucket whose predecessors may still be missing.
     */
    private void appendToStreams(java.util.Map<String, List<Document>> streams, Set<String> created) {
        if (streams.isEmpty()) {
            return;
        }
        java.util.Map<String, StreamEnd> known = ends(streams.keySet());
        com.mongodb.client.model.UpdateOptions upsert = new com.mongodb.client.model.UpdateOptions().upsert(true);
        List<com.mongodb.client.model.WriteModel<Document>> pushes = new ArrayList<>(streams.size());
        List<com.mongodb.client.model.WriteModel<Document>> heads = new ArrayList<>();
        java.util.Map<String, StreamEnd> after = new java.util.LinkedHashMap<>();
        streams.forEach((key, events) -> {
            StreamEnd end = known.get(key);
            if (end == null) {
                created.add(key);
                end = new StreamEnd(0, 0, false);
            }
            int bucket = end.bucket();
            int count = end.count();
            boolean opened = end.headBehind();
            for (int i = 0; i < events.size(); ) {
                if (count >= bucketEvents) { // full (a stream of the one-document form may hold more): open the next
                    bucket++;
                    count = 0;
                    opened = true;
                }
                List<Document> part = events.subList(i, Math.min(events.size(), i + bucketEvents - count));
                count += part.size();
                i += part.size();
                // count absolute, not $inc: a bucket 0 of the one-document form has none yet
                Document set = new Document("count", count);
                if (bucket > 0) {
                    set.append("key", key).append("bucket", bucket);
                }
                pushes.add(new com.mongodb.client.model.UpdateOneModel<>(new Document("_id", bucketId(key, bucket)),
                        new Document("$push", new Document("events", new Document("$each", part))).append("$set", set), upsert));
            }
            if (opened) {
                Document head = new Document("$max", new Document("buckets", bucket + 1));
                if (end.bucket() == 0 && end.count() >= bucketEvents) { // a full bucket 0 of the one-document form: keep its count
                    head.append("$set", new Document("count", end.count()));
                }
                heads.add(new com.mongodb.client.model.UpdateOneModel<>(new Document("_id", key), head));
            }
            after.put(key, new StreamEnd(bucket, count, false));
        });
        try {
            bulk(STREAMS, pushes);
            bulk(STREAMS, heads);
        } catch (RuntimeException e) {
            streams.keySet().forEach(ends::remove); // what was written is unknown: read the ends again next time
            throw e;
        }
        ends.putAll(after);
    }

    /**
     * The ends of the keys' streams (keys without a stream left out): those remembered, and those read: bucket 0's
     * head (without its events), then the last bucket's count and whether a bucket beyond the head exists, by
     * {@code _id}. A bucket 0 of the one-document form (no {@code count}) is read whole once to count its events.
     */
    private java.util.Map<String, StreamEnd> ends(Collection<String> keys) {
        java.util.Map<String, StreamEnd> known = new java.util.HashMap<>();
        List<String> unknown = new ArrayList<>();
        for (String key : keys) {
            StreamEnd end = ends.get(key);
            if (end == null) {
                unknown.add(key);
            } else {
                known.put(key, end);
            }
        }
        for (int i = 0; i < unknown.size(); i += 500) {
            List<String> chunk = unknown.subList(i, Math.min(unknown.size(), i + 500));
            java.util.Map<String, Integer> buckets = new java.util.HashMap<>();
            java.util.Map<String, Integer> counts = new java.util.HashMap<>();
            List<String> oneDocument = new ArrayList<>();
            for (Document head : mongo.getCollection(STREAMS).find(new Document("_id", new Document("$in", chunk)))
                    .projection(new Document("buckets", 1).append("count", 1)).batchSize(BATCH)) {
                String key = head.getString("_id");
                buckets.put(key, head.getInteger("buckets", 1));
                if (head.get("count") == null) {
                    oneDocument.add(key);
                } else {
                    counts.put(key, head.getInteger("count"));
                }
            }
            if (!oneDocument.isEmpty()) {
                for (Document stream : mongo.getCollection(STREAMS).find(new Document("_id", new Document("$in", oneDocument))).batchSize(10)) {
                    counts.put(stream.getString("_id"), stream.getList("events", Document.class).size());
                }
            }
            List<String> tails = new ArrayList<>();
            buckets.forEach((key, n) -> {
                tails.add(bucketId(key, n)); // beyond the head: only after a failed write
                if (n > 1) {
                    tails.add(bucketId(key, n - 1));
                }
            });
            java.util.Map<String, Document> found = new java.util.HashMap<>();
            for (Document tail : mongo.getCollection(STREAMS).find(new Document("_id", new Document("$in", tails)))
                    .projection(new Document("count", 1)).batchSize(BATCH)) {
                found.put(tail.getString("_id"), tail);
            }
            buckets.forEach((key, n) -> {
                Document beyond = found.get(bucketId(key, n));
                if (beyond != null) {
                    known.put(key, new StreamEnd(n, beyond.getInteger("count", 0), true));
                } else if (n > 1) {
                    Document last = found.get(bucketId(key, n - 1));
                    known.put(key, new StreamEnd(n - 1, last == null ? 0 : last.getInteger("count", 0), false));
                } else {
                    known.put(key, new StreamEnd(0, counts.getOrDefault(key, 0), false));
                }
            });
        }
        return known;
    }

    private void bulk(String collection, List<? extends com.mongodb.client.model.WriteModel<Document>> writes) {
        for (int i = 0; i < writes.size(); i += 1_000) {
            mongo.getCollection(collection).bulkWrite(writes.subList(i, Math.min(writes.size(), i + 1_000)),
                    new com.mongodb.client.model.BulkWriteOptions().ordered(false));
        }
    }

    /** One unordered bulk of {@code _id} upserts: a key marked twice is one document. */
    @Override
    public void markPending360(Collection<String> keys) {
        if (keys.isEmpty()) {
            return;
        }
        com.mongodb.client.model.ReplaceOptions upsert = new com.mongodb.client.model.ReplaceOptions().upsert(true);
        List<com.mongodb.client.model.WriteModel<Document>> marks = new ArrayList<>(keys.size());
        for (String key : keys) {
            marks.add(new com.mongodb.client.model.ReplaceOneModel<>(new Document("_id", key), new Document("_id", key), upsert));
        }
        bulk(PENDING_360, marks);
    }

    @Override
    public void clearPending360(Collection<String> keys) {
        List<String> distinct = List.copyOf(new java.util.LinkedHashSet<>(keys));
        for (int i = 0; i < distinct.size(); i += 1_000) {
            mongo.getCollection(PENDING_360).deleteMany(new Document("_id", new Document("$in", distinct.subList(i, Math.min(distinct.size(), i + 1_000)))));
        }
    }

    @Override
    public List<String> pending360() {
        List<String> keys = new ArrayList<>();
        for (Document d : mongo.getCollection(PENDING_360).find().batchSize(BATCH)) {
            keys.add(d.getString("_id"));
        }
        return keys;
    }

    /**
     * The streams of many keys: bucket 0 of each with one {@code _id $in} find per 500 keys, then the further buckets
     * bucket 0's head names, again by {@code _id $in}, put in bucket order.
     */
    @Override
    public java.util.Map<String, List<AnalyticsEvent>> histories(Collection<String> keys) {
        List<String> distinct = List.copyOf(new java.util.LinkedHashSet<>(keys));
        java.util.Map<String, java.util.TreeMap<Integer, List<Document>>> found = new java.util.HashMap<>();
        List<String> further = new ArrayList<>();
        for (int i = 0; i < distinct.size(); i += 500) {
            List<String> chunk = distinct.subList(i, Math.min(distinct.size(), i + 500));
            for (Document stream : mongo.getCollection(STREAMS).find(new Document("_id", new Document("$in", chunk))).batchSize(100)) {
                String key = stream.getString("_id");
                found.computeIfAbsent(key, k -> new java.util.TreeMap<>()).put(0, stream.getList("events", Document.class));
                for (int n = 1; n < stream.getInteger("buckets", 1); n++) {
                    further.add(bucketId(key, n));
                }
            }
        }
        for (int i = 0; i < further.size(); i += 500) {
            List<String> chunk = further.subList(i, Math.min(further.size(), i + 500));
            // a bucket is up to stream-bucket-events events: a small batch keeps each reply well below the driver's limit
            for (Document bucket : mongo.getCollection(STREAMS).find(new Document("_id", new Document("$in", chunk))).batchSize(20)) {
                found.get(bucket.getString("key")).put(bucket.getInteger("bucket"), bucket.getList("events", Document.class));
            }
        }
        java.util.Map<String, List<AnalyticsEvent>> ordered = new java.util.LinkedHashMap<>();
        for (String key : distinct) {
            java.util.TreeMap<Integer, List<Document>> buckets = found.get(key);
            if (buckets != null) {
                java.util.Map<String, AnalyticsEvent> events = new java.util.LinkedHashMap<>();
                buckets.values().forEach(bucket -> bucket.forEach(d -> events.putIfAbsent(d.getString("_id"), event(d))));
                ordered.put(key, List.copyOf(events.values()));
            }
        }
        return ordered;
    }

    /** One unordered bulk of replaces (upserts) and deletes per 1,000 models. */
    @Override
    public void putAll(ReadModel model, java.util.Map<String, ?> values) {
        List<com.mongodb.client.model.WriteModel<Document>> writes = new ArrayList<>(values.size());
        com.mongodb.client.model.ReplaceOptions upsert = new com.mongodb.client.model.ReplaceOptions().upsert(true);
        values.forEach((id, value) -> writes.add(value == null ? new com.mongodb.client.model.DeleteOneModel<>(new Document("_id", id))
                : new com.mongodb.client.model.ReplaceOneModel<>(new Document("_id", id), modelDocument(id, value), upsert)));
        bulk(model.collection(), writes);
        values.forEach((id, value) -> listeners.forEach(l -> l.written(model, id, value)));
    }

    @Override
    public <T> java.util.Map<String, T> getAll(ReadModel model, Collection<String> ids, Class<T> type) {
        java.util.Map<String, T> found = new java.util.HashMap<>();
        List<String> distinct = List.copyOf(new java.util.LinkedHashSet<>(ids));
        for (int i = 0; i < distinct.size(); i += 1_000) {
            for (Document d : mongo.getCollection(model.collection())
                    .find(new Document("_id", new Document("$in", distinct.subList(i, Math.min(distinct.size(), i + 1_000))))).batchSize(BATCH)) {
                found.put(d.getString("_id"), json.readValue(d.getString("json"), type));
            }
        }
        return found;
    }

    private Document modelDocument(String id, Object value) {
        Document document = new Document("_id", id).append("json", modelJson.writeValueAsString(value));
        if (value instanceof CustomerProfile profile) {
            document.append("usccs", profile.usccs());
        } else if (value instanceof MergeFact merge) {
            document.append("loserId", merge.loserId()).append("survivorId", merge.survivorId()).append("active", merge.active());
        }
        return document;
    }

    @Override
    public List<AnalyticsEvent> eventsWithAnyKey(Collection<String> keys) {
        if (keys.isEmpty()) {
            return List.of();
        }
        java.util.Map<String, AnalyticsEvent> events = new java.util.LinkedHashMap<>();
        histories(keys).values().forEach(history -> history.forEach(event -> events.putIfAbsent(event.id(), event)));
        return List.copyOf(events.values());
    }

    @Override
    public void forEachEvent(Consumer<AnalyticsEvent> action) {
        for (Document d : mongo.getCollection(EVENTS).find().batchSize(BATCH)) {
            action.accept(event(d));
        }
    }

    @Override
    public long eventCount() {
        return mongo.getCollection(EVENTS).countDocuments();
    }

    private AnalyticsEvent event(Document d) {
        return new AnalyticsEvent(d.getString("_id"), d.getString("type"), d.getString("topic"), d.getString("subject"),
                d.getDate("time").toInstant(), d.getInteger("partition", 0), ((Number) d.get("offset")).longValue(),
                json.readTree(d.getString("data")));
    }

    @Override
    public void put(ReadModel model, String id, Object value) {
        if (value == null) {
            mongo.getCollection(model.collection()).deleteOne(new Document("_id", id));
        } else {
            mongo.getCollection(model.collection()).replaceOne(new Document("_id", id), modelDocument(id, value),
                    new com.mongodb.client.model.ReplaceOptions().upsert(true));
        }
        listeners.forEach(l -> l.written(model, id, value));
    }

    /** Inserts many documents at once (seeding a benchmark or a bulk rebuild); ids must be new. */
    public void insertAll(ReadModel model, java.util.Map<String, ?> values) {
        List<Document> documents = new ArrayList<>(values.size());
        values.forEach((id, value) -> documents.add(modelDocument(id, value)));
        for (int i = 0; i < documents.size(); i += 5_000) {
            mongo.getCollection(model.collection()).insertMany(documents.subList(i, Math.min(documents.size(), i + 5_000)));
        }
        values.forEach((id, value) -> listeners.forEach(l -> l.written(model, id, value)));
    }

    @Override
    public <T> T get(ReadModel model, String id, Class<T> type) {
        Document document = mongo.getCollection(model.collection()).find(new Document("_id", id)).first();
        return document == null ? null : json.readValue(document.getString("json"), type);
    }

    @Override
    public <T> List<T> all(ReadModel model, Class<T> type) {
        List<T> values = new ArrayList<>();
        for (Document d : mongo.getCollection(model.collection()).find().sort(new Document("_id", 1)).batchSize(BATCH)) {
            values.add(json.readValue(d.getString("json"), type));
        }
        return values;
    }

    /** Every document of the read model as stored, for comparing a rebuild with the live state. */
    public List<String> rawJson(ReadModel model) {
        List<String> values = new ArrayList<>();
        for (Document d : mongo.getCollection(model.collection()).find().sort(new Document("_id", 1)).batchSize(BATCH)) {
            values.add(d.getString("_id") + "=" + d.getString("json"));
        }
        return values;
    }

    @Override
    public List<String> customersWithUscc(String uscc) {
        List<String> ids = new ArrayList<>();
        for (Document d : mongo.getCollection(ReadModel.PROFILE.collection()).find(new Document("usccs", uscc))) {
            ids.add(d.getString("_id"));
        }
        return ids;
    }

    @Override
    public List<MergeFact> activeMergesOfLoser(String loserId) {
        return merges(new Document("loserId", loserId).append("active", true));
    }

    @Override
    public List<MergeFact> activeMergesInto(Collection<String> survivorIds) {
        return merges(new Document("survivorId", new Document("$in", List.copyOf(survivorIds))).append("active", true));
    }

    private List<MergeFact> merges(Document filter) {
        List<MergeFact> merges = new ArrayList<>();
        for (Document d : mongo.getCollection(ReadModel.MERGE.collection()).find(filter)) {
            merges.add(json.readValue(d.getString("json"), MergeFact.class));
        }
        return merges;
    }

    /**
     * Drops every read model. The per-key streams are rebuilt from the raw events too, so a rebuild repairs a stream
     * that missed an event (a crash between the raw insert and its {@code $push}).
     */
    @Override
    public void dropReadModels() {
        for (ReadModel model : ReadModel.values()) {
            mongo.getCollection(model.collection()).deleteMany(new Document());
        }
        listeners.forEach(ReadModelListener::dropped);
        mongo.getCollection(PENDING_360).deleteMany(new Document()); // the rebuild refolds every 360
        mongo.getCollection(STREAMS).deleteMany(new Document());
        java.util.Map<String, List<Document>> streams = new java.util.HashMap<>();
        for (Document d : mongo.getCollection(EVENTS).find().batchSize(BATCH)) {
            for (String key : d.getList("keys", String.class)) {
                streams.computeIfAbsent(key, k -> new ArrayList<>()).add(d);
            }
        }
        synchronized (this) {
            ends.clear();
        }
        List<Document> documents = new ArrayList<>();
        int events = 0;
        for (java.util.Map.Entry<String, List<Document>> stream : streams.entrySet()) {
            String key = stream.getKey();
            List<Document> all = stream.getValue();
            int buckets = Math.max(1, (all.size() + bucketEvents - 1) / bucketEvents);
            for (int n = 0; n < buckets; n++) {
                List<Document> part = all.subList(n * bucketEvents, Math.min(all.size(), (n + 1) * bucketEvents));
                Document bucket = new Document("_id", bucketId(key, n)).append("events", part).append("count", part.size());
                documents.add(n == 0 ? bucket.append("buckets", buckets) : bucket.append("key", key).append("bucket", n));
                events += part.size();
            }
            if (documents.size() >= 1_000 || events >= 20_000) { // bounds each insertMany (the driver splits it too)
                mongo.getCollection(STREAMS).insertMany(documents);
                documents = new ArrayList<>();
                events = 0;
            }
        }
        if (!documents.isEmpty()) {
            mongo.getCollection(STREAMS).insertMany(documents);
        }
    }

    /** Drops the raw events too: the next start of a fresh consumer group replays the topics into an empty store. */
    public void dropEvents() {
        mongo.getCollection(EVENTS).deleteMany(new Document());
        mongo.getCollection(STREAMS).deleteMany(new Document());
        synchronized (this) {
            ends.clear();
        }
    }
}
