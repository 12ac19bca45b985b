package org.crmsuite.gateway.apidocs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class EventDocsTest {

    @Test
    void the_repositorys_relative_schema_refs_point_at_the_published_schemas() {
        String yaml = "payload:\n  schema:\n    $ref: '../event-schemas/crm.customer.merged.v1.json'\n"
                + "other:\n  $ref: '#/components/messages/crm_customer_merged_v1'\n";
        assertThat(EventDocs.rewriteRefs(yaml))
                .contains("$ref: 'schemas/crm.customer.merged.v1.json'")
                .contains("$ref: '#/components/messages/crm_customer_merged_v1'")
                .doesNotContain("event-schemas");
    }

    @Test
    void the_platforms_contract_is_read_whole_and_only_event_types_are_served() {
        EventDocs docs = EventDocs.fromClasspath();
        assertThat(new String(docs.document(), StandardCharsets.UTF_8)).startsWith("#").contains("asyncapi: 3.0.0")
                .doesNotContain("../event-schemas/");
        assertThat(docs.schemaNames()).contains("crm.customer.created.v1", "erp.order.placed.v1", "finance.invoice.paid.v1");
        assertThat(docs.schema("crm.customer.created.v1")).isNotEmpty();
        assertThat(docs.schema("../asyncapi/crm-events.asyncapi")).isNull();
        assertThat(docs.schema("crm.unknown.v1")).isNull();
        assertThat(docs.schema(null)).isNull();
    }
}
