package org.crmsuite.notification.template;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.crmsuite.platform.events.EventSchemas;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The variables a template of an event type may use: the properties of the type's JSON Schema in the platform's
 * catalogue (the contract), so a template can only name what the event really carries.
 */
@Component
public class TemplateVariables {

    /**
     * Variables the planner adds to every event that names a customer (by {@code customerId} or {@code uscc}), from
     * its projection of customers: {@code customerCode}, {@code customerName}.
     */
    public static final Set<String> DERIVED = Set.of("customerCode", "customerName");

    private final JsonMapper json;
    private final Map<String, Optional<Set<String>>> cache = new ConcurrentHashMap<>();

    public TemplateVariables(JsonMapper json) {
        this.json = json;
    }

    /** Empty when the event type is unknown. */
    public Optional<Set<String>> of(String eventType) {
        return cache.computeIfAbsent(eventType, this::load);
    }

    private Optional<Set<String>> load(String eventType) {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(EventSchemas.LOCATION + eventType + ".json")) {
            if (in == null) {
                return Optional.empty();
            }
            JsonNode properties = json.readTree(in).get("properties");
            Set<String> names = new LinkedHashSet<>();
            if (properties != null) {
                properties.propertyNames().forEach(names::add);
            }
            if (names.contains("customerId") || names.contains("uscc")) {
                names.addAll(DERIVED);
            }
            return Optional.of(Set.copyOf(names));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the schema of " + eventType, e);
        }
    }
}
