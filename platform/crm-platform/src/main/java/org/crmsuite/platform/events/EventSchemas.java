package org.crmsuite.platform.events;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import tools.jackson.databind.JsonNode;

/**
 * The JSON Schemas of every event payload, kept in the repository under {@code event-schemas/<ce_type>.json} on the
 * classpath (the contract). Used to validate what we emit (in tests) and what ERP and finance send us (on receipt).
 */
public class EventSchemas {

    public static final String LOCATION = "event-schemas/";

    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();
    private final ClassLoader classLoader;

    public EventSchemas() {
        this(EventSchemas.class.getClassLoader());
    }

    public EventSchemas(ClassLoader classLoader) {
        this.classLoader = classLoader;
    }

    public boolean knows(String type) {
        return classLoader.getResource(LOCATION + type + ".json") != null;
    }

    /** The violations of the payload against the schema of its type; empty when valid. */
    public List<String> violations(String type, JsonNode payload) {
        Schema schema = schemas.computeIfAbsent(type, this::load);
        return schema.validate(payload).stream().map(Error::toString).toList();
    }

    /** Throws {@link InvalidEventException} naming every violation (the reason recorded in the dead-letter topic). */
    public void requireValid(String type, JsonNode payload) {
        if (!knows(type)) {
            throw new InvalidEventException("no schema for event type " + type);
        }
        List<String> violations = violations(type, payload);
        if (!violations.isEmpty()) {
            throw new InvalidEventException(type + " breaks its schema: " + String.join("; ", violations));
        }
    }

    private Schema load(String type) {
        try (InputStream in = classLoader.getResourceAsStream(LOCATION + type + ".json")) {
            if (in == null) {
                throw new IllegalArgumentException("no schema for event type " + type + " at " + LOCATION + type + ".json");
            }
            return registry.getSchema(in);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read schema of " + type, e);
        }
    }
}
