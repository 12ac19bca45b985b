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
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;

import tools.jackson.databind.json.JsonMapper;

/**
 * MongoDB: the raw events in {@value #EVENTS} ({@code _id} = ce_id, so a redelivery is a duplicate key), the read
 * models one collection each ({@code _id} = aggregate id, the model as JSON in {@code json} plus the fields queried).
 * Only single-document writes, finds with {@code $in} and plain upserts: the same on the wire server and MongoDB 7.
 */
public class MongoReadModelStore implements ReadModelStore {

    public static final String EVENTS = "event";
    /** Documents per reply: the wire server otherwise answers a large find in one reply beyond the driver's 48 MB limit. */
    static final int BATCH = 2_000;
    /**
     * The events of each key, embedded in one document per key ({@code _id} = key): reading a history is one
     * lookup by {@code _id}, which every MongoDB, the wire server included, serves from its primary index.
     */
    public static final String STREAMS = "event_stream";
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
        this.mongo = mongo;
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
        Document document = document(event, keys);
        try {
            mongo.insert(document, EVENTS);
        } catch (DuplicateKeyException e) {
            return false;
        }
        for (String key : keys) {
            // $push after the unique insert: a crash in between loses the key's copy, which a rebuild restores
            mongo.getCollection(STREAMS).updateOne(new Document("_id", key), new Document("$push", new Document("events", document)),
                    new com.mongodb.client.model.UpdateOptions().upsert(true));
        }
        return true;
    }

    private Document document(AnalyticsEvent event, Set<String> keys) {
        return new Document("_id", event.id()).append("type", event.type()).append("topic", event.topic())
                .append("subject", event.subject()).append("time", Date.from(event.time()))
                .append("partition", event.partition()).append("offset", event.offset())
                .append("keys", List.copyOf(keys)).append("data", json.writeValueAsString(event.data()))
                .append("receivedAt", new Date());
    }

    /**
     * A batch in two round trips whatever its size: one unordered {@code insertMany} (an event whose id is stored
     * already fails alone with a duplicate key: a redelivery, left out) and one unordered bulk of one
     * {@code $push $each} per key, in the batch's order.
     */
    @Override
    public List<AnalyticsEvent> appendAll(List<AnalyticsEvent> events, java.util.function.Function<AnalyticsEvent, Set<String>> keysOf) {
        return appendEvents(events, keysOf).stored();
    }

    /** As {@link #appendAll}; the keys whose stream the {@code $push} upserted are new (the bulk's result says which). */
    @Override
    public Appended appendEvents(List<AnalyticsEvent> events, java.util.function.Function<AnalyticsEvent, Set<String>> keysOf) {
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
        List<com.mongodb.client.model.WriteModel<Document>> pushes = new ArrayList<>(streams.size());
        com.mongodb.client.model.UpdateOptions upsert = new com.mongodb.client.model.UpdateOptions().upsert(true);
        List<String> streamKeys = List.copyOf(streams.keySet());
        streams.forEach((key, list) -> pushes.add(new com.mongodb.client.model.UpdateOneModel<>(new Document("_id", key),
                new Document("$push", new Document("events", new Document("$each", list))), upsert)));
        Set<String> created = new java.util.LinkedHashSet<>();
        for (int i = 0; i < pushes.size(); i += 1_000) {
            com.mongodb.bulk.BulkWriteResult result = mongo.getCollection(STREAMS).bulkWrite(pushes.subList(i, Math.min(pushes.size(), i + 1_000)),
                    new com.mongodb.client.model.BulkWriteOptions().ordered(false));
            if (result.wasAcknowledged()) {
                for (com.mongodb.bulk.BulkWriteUpsert upserted : result.getUpserts()) {
                    created.add(streamKeys.get(i + upserted.getIndex()));
                }
            }
        }
        return new Appended(stored, created);
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

    /** The streams of many keys in one {@code _id $in} find per 500 keys. */
    @Override
    public java.util.Map<String, List<AnalyticsEvent>> histories(Collection<String> keys) {
        List<String> distinct = List.copyOf(new java.util.LinkedHashSet<>(keys));
        java.util.Map<String, List<AnalyticsEvent>> found = new java.util.HashMap<>();
        for (int i = 0; i < distinct.size(); i += 500) {
            List<String> chunk = distinct.subList(i, Math.min(distinct.size(), i + 500));
            for (Document stream : mongo.getCollection(STREAMS).find(new Document("_id", new Document("$in", chunk))).batchSize(100)) {
                java.util.Map<String, AnalyticsEvent> events = new java.util.LinkedHashMap<>();
                for (Document d : stream.getList("events", Document.class)) {
                    events.putIfAbsent(d.getString("_id"), event(d));
                }
                found.put(stream.getString("_id"), List.copyOf(events.values()));
            }
        }
        java.util.Map<String, List<AnalyticsEvent>> ordered = new java.util.LinkedHashMap<>();
        for (String key : distinct) {
            if (found.containsKey(key)) {
                ordered.put(key, found.get(key));
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
        for (String key : new java.util.LinkedHashSet<>(keys)) {
            Document stream = mongo.getCollection(STREAMS).find(new Document("_id", key)).first();
            if (stream != null) {
                for (Document d : stream.getList("events", Document.class)) {
                    events.putIfAbsent(d.getString("_id"), event(d));
                }
            }
        }
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
        List<Document> documents = new ArrayList<>();
        streams.forEach((key, events) -> documents.add(new Document("_id", key).append("events", events)));
        for (int i = 0; i < documents.size(); i += 1_000) {
            mongo.getCollection(STREAMS).insertMany(documents.subList(i, Math.min(documents.size(), i + 1_000)));
        }
    }

    /** Drops the raw events too: the next start of a fresh consumer group replays the topics into an empty store. */
    public void dropEvents() {
        mongo.getCollection(EVENTS).deleteMany(new Document());
        mongo.getCollection(STREAMS).deleteMany(new Document());
    }
}
