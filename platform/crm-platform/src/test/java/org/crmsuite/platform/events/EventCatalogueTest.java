package org.crmsuite.platform.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The published event catalogue holds together: every JSON Schema has a message in the AsyncAPI document and the other
 * way round, every topic of {@link Topics} is a channel, and every example (the example files, the AsyncAPI document's
 * and the integration guide's) is valid against its schema. An integrator can copy any of them and be accepted.
 */
class EventCatalogueTest {

    private static final Path RESOURCES = Path.of("src/main/resources");
    private static final Path GUIDE = Path.of("../../docs/integration-guide.md");
    private static final Pattern GUIDE_EXAMPLE = Pattern.compile("<!-- example: ([a-z0-9.-]+) -->\\s*```json\\s*(.*?)```", Pattern.DOTALL);

    private final ObjectMapper json = JsonMapper.builder().build();
    private final EventSchemas schemas = new EventSchemas();

    @Test
    void everySchemaIsAMessageOfTheAsyncApiDocumentAndEveryMessageHasASchema() throws IOException {
        Map<String, Object> asyncApi = asyncApi();
        Map<String, Map<String, Object>> messages = section(section(asyncApi, "components"), "messages");

        Set<String> messageNames = new TreeSet<>();
        messages.values().forEach(message -> {
            String name = (String) message.get("name");
            messageNames.add(name);
            Map<String, Object> payload = section(message, "payload");
            assertThat(section(payload, "schema")).containsEntry("$ref", "../event-schemas/" + name + ".json");
        });
        assertThat(messageNames).isEqualTo(schemaTypes());
    }

    @Test
    void everyTopicIsAChannelWithItsMessages() throws IOException {
        Map<String, Map<String, Object>> channels = section(asyncApi(), "channels");
        List<String> addresses = channels.values().stream().map(channel -> (String) channel.get("address")).toList();
        assertThat(addresses).containsExactlyInAnyOrderElementsOf(Topics.ALL);
        channels.values().forEach(channel -> assertThat(section(channel, "messages")).as((String) channel.get("address")).isNotEmpty());
    }

    @Test
    void everyExampleFileAndAsyncApiExampleIsValid() throws IOException {
        List<String> checked = new ArrayList<>();
        try (Stream<Path> files = Files.list(RESOURCES.resolve("event-examples"))) {
            for (Path file : files.sorted().toList()) {
                String type = file.getFileName().toString().replace(".json", "");
                assertValid(type, json.readTree(file.toFile()), file.toString());
                checked.add(type);
            }
        }
        Map<String, Map<String, Object>> messages = section(section(asyncApi(), "components"), "messages");
        for (Map<String, Object> message : messages.values()) {
            Object examples = message.get("examples");
            if (examples instanceof List<?> list) {
                for (Object example : list) {
                    Object payload = ((Map<?, ?>) example).get("payload");
                    assertValid((String) message.get("name"), json.valueToTree(payload), "AsyncAPI example of " + message.get("name"));
                }
            }
        }
        // The events ERP and finance act on have examples, inbound and outbound.
        assertThat(checked).contains("crm.customer.created.v1", "crm.customer.updated.v1", "crm.customer.merged.v1",
                "crm.customer.erased.v1", "crm.opportunity.won.v1", "erp.order.placed.v1", "erp.order.cancelled.v1",
                "finance.invoice.issued.v1", "finance.invoice.paid.v1", "finance.invoice.overdue.v1");
    }

    @Test
    void everyExampleOfTheIntegrationGuideIsValid() throws IOException {
        String guide = Files.readString(GUIDE, StandardCharsets.UTF_8);
        Matcher example = GUIDE_EXAMPLE.matcher(guide);
        Map<String, JsonNode> found = new LinkedHashMap<>();
        while (example.find()) {
            found.put(example.group(1), json.readTree(example.group(2)));
        }
        assertThat(found).hasSizeGreaterThanOrEqualTo(10);
        found.forEach((type, payload) -> assertValid(type, payload, "integration guide example of " + type));
    }

    @Test
    void inboundRecordsNameTheirCustomerByIdOrUscc() throws IOException {
        JsonNode order = json.readTree(RESOURCES.resolve("event-examples/erp.order.placed.v1.json").toFile());
        var neither = ((tools.jackson.databind.node.ObjectNode) order.deepCopy()).put("uscc", (String) null);
        assertThat(schemas.violations("erp.order.placed.v1", neither)).isNotEmpty();
        var badAmount = ((tools.jackson.databind.node.ObjectNode) order.deepCopy()).put("amount", "48600.5");
        assertThat(schemas.violations("erp.order.placed.v1", badAmount)).isNotEmpty();
    }

    private void assertValid(String type, JsonNode payload, String where) {
        assertThat(schemas.knows(type)).as("schema for " + where).isTrue();
        assertThat(schemas.violations(type, payload)).as(where).isEmpty();
    }

    private Set<String> schemaTypes() throws IOException {
        try (Stream<Path> files = Files.list(RESOURCES.resolve("event-schemas"))) {
            return new TreeSet<>(files.map(file -> file.getFileName().toString().replace(".json", "")).toList());
        }
    }

    private Map<String, Object> asyncApi() throws IOException {
        try (InputStream in = Files.newInputStream(RESOURCES.resolve("asyncapi/crm-events.asyncapi.yaml"))) {
            Map<String, Object> document = new Yaml().load(in);
            assertThat(document).containsEntry("asyncapi", "3.0.0");
            return document;
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> Map<String, T> section(Map<String, ?> parent, String key) {
        assertThat(parent).containsKey(key);
        return (Map<String, T>) parent.get(key);
    }
}
