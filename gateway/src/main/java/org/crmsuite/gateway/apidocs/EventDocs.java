package org.crmsuite.gateway.apidocs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.io.support.ResourcePatternResolver;

/**
 * The suite's event contract as the platform ships it: the AsyncAPI document ({@value #DOCUMENT}) and the JSON Schemas
 * its messages point at ({@code event-schemas/<type>.json}). Read once from the classpath (crm-platform's jar), so the
 * gateway publishes exactly the contract the services it was built with validate against. The document's relative
 * {@code $ref}s ({@code ../event-schemas/<type>.json}) are rewritten to {@code schemas/<type>.json}, which resolves
 * next to the published document ({@code /asyncapi/schemas/<type>.json}).
 */
public final class EventDocs {

    static final String DOCUMENT = "asyncapi/crm-events.asyncapi.yaml";
    static final String SCHEMAS = "classpath*:event-schemas/*.json";

    /** What a schema name may look like: the event type, e.g. {@code crm.customer.merged.v1}. */
    static final Pattern SCHEMA_NAME = Pattern.compile("[a-z0-9][a-z0-9.-]{0,127}");
    private static final Pattern SCHEMA_REF = Pattern.compile("\\.\\./event-schemas/(" + SCHEMA_NAME.pattern() + ")\\.json");

    private final byte[] document;
    private final Map<String, byte[]> schemas;

    EventDocs(byte[] document, Map<String, byte[]> schemas) {
        this.document = document;
        this.schemas = Collections.unmodifiableMap(new TreeMap<>(schemas));
    }

    /** Reads the document and the schemas from the classpath; fails the start if the platform's jar lacks them. */
    public static EventDocs fromClasspath() {
        ResourcePatternResolver resolver = new PathMatchingResourcePatternResolver(EventDocs.class.getClassLoader());
        try {
            Resource document = resolver.getResource("classpath:" + DOCUMENT);
            if (!document.exists()) {
                throw new IllegalStateException(DOCUMENT + " is not on the classpath: the gateway needs crm-platform");
            }
            Map<String, byte[]> schemas = new TreeMap<>();
            for (Resource schema : resolver.getResources(SCHEMAS)) {
                String file = schema.getFilename();
                if (file != null && file.endsWith(".json")) {
                    try (InputStream in = schema.getInputStream()) {
                        schemas.put(file.substring(0, file.length() - ".json".length()), in.readAllBytes());
                    }
                }
            }
            try (InputStream in = document.getInputStream()) {
                return new EventDocs(rewriteRefs(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                        .getBytes(StandardCharsets.UTF_8), schemas);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the event contract from the classpath", e);
        }
    }

    /** {@code ../event-schemas/x.json} (the layout in the repository) becomes {@code schemas/x.json} (the published one). */
    static String rewriteRefs(String document) {
        Matcher refs = SCHEMA_REF.matcher(document);
        return refs.replaceAll(ref -> Matcher.quoteReplacement("schemas/" + ref.group(1) + ".json"));
    }

    /** The AsyncAPI document (YAML, UTF-8) with its schema references pointing at the published schemas. */
    public byte[] document() {
        return document.clone();
    }

    /** One event type's JSON Schema, or null for a name that is not an event type of the catalogue. */
    public byte[] schema(String name) {
        if (name == null || !SCHEMA_NAME.matcher(name).matches()) {
            return null;
        }
        byte[] schema = schemas.get(name);
        return schema != null ? schema.clone() : null;
    }

    public Set<String> schemaNames() {
        return schemas.keySet();
    }
}
