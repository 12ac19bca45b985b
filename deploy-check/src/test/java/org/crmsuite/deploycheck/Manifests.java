package org.crmsuite.deploycheck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/** The objects of a rendered multi-document YAML stream, as JSON trees. */
record Manifests(String source, List<ObjectNode> objects) {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    static Manifests parse(String source, String yaml) {
        List<ObjectNode> objects = new ArrayList<>();
        try (MappingIterator<JsonNode> documents = YAML.readerFor(JsonNode.class).readValues(yaml)) {
            while (documents.hasNext()) {
                JsonNode document = documents.next();
                if (document == null || document.isNull() || document.isMissingNode() || document.isEmpty()) {
                    continue;
                }
                if (!(document instanceof ObjectNode object)) {
                    throw new AssertionError(source + ": a document is not an object: " + document);
                }
                if ("List".equals(object.path("kind").asText())) {
                    object.withArray("items").forEach(item -> objects.add((ObjectNode) item));
                } else {
                    objects.add(object);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(source + " is not valid YAML", e);
        }
        return new Manifests(source, List.copyOf(objects));
    }

    Stream<ObjectNode> ofKind(String kind) {
        return objects.stream().filter(o -> kind.equals(o.path("kind").asText()));
    }

    Optional<ObjectNode> find(String kind, String name) {
        return ofKind(kind).filter(o -> name.equals(name(o))).findFirst();
    }

    static String name(JsonNode object) {
        return object.path("metadata").path("name").asText();
    }

    static String id(JsonNode object) {
        return object.path("kind").asText() + "/" + name(object);
    }
}
