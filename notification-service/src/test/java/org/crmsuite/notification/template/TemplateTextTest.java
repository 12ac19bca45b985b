package org.crmsuite.notification.template;

import java.time.ZoneId;
import java.util.Locale;
import java.util.Set;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class TemplateTextTest {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void rendersFieldsAndInstantsInTheRecipientsZoneAndLanguage() {
        var payload = JSON.readTree("{\"number\":\"T-2026-000001\",\"dueAt\":\"2026-03-01T02:30:00Z\",\"level\":2}");
        TemplateText text = new TemplateText("{{number}} L{{ level }} due {{dueAt|time}}");
        assertThat(text.render(payload, Locale.forLanguageTag("zh-CN"), ZoneId.of("Asia/Shanghai"))).isEqualTo("T-2026-000001 L2 due 2026年3月1日 10:30 (CST)");
        assertThat(text.render(payload, Locale.ENGLISH, ZoneId.of("Europe/London"))).isEqualTo("T-2026-000001 L2 due 1 Mar 2026, 02:30 (GMT)");
    }

    @Test
    void findsUnknownVariablesFormatsAndBrokenBraces() {
        Set<String> known = Set.of("number", "dueAt");
        assertThat(new TemplateText("{{number}} {{dueAt|time}}").problems(known)).isEmpty();
        assertThat(new TemplateText("{{customerName}}").problems(known)).singleElement().asString().startsWith("unknown variable {{customerName}}");
        assertThat(new TemplateText("{{number|upper}}").problems(known)).singleElement().asString().startsWith("unknown format |upper");
        assertThat(new TemplateText("{{number").problems(known)).containsExactly("unbalanced {{ or }}");
        assertThat(new TemplateText("{{}}").problems(known)).hasSize(1);
    }

    @Test
    void aValueThatLooksLikeAReplacementIsInsertedLiterally() {
        var payload = JSON.readTree("{\"subject\":\"$1 \\\\ {{x}}\"}");
        assertThat(new TemplateText("[{{subject}}]").render(payload, Locale.ENGLISH, ZoneId.of("UTC"))).isEqualTo("[$1 \\ {{x}}]");
    }

    @Test
    void theVariablesOfAnEventAreThePropertiesOfItsSchema() {
        TemplateVariables variables = new TemplateVariables(JSON);
        assertThat(variables.of("crm.ticket.sla-breached.v1").orElseThrow()).contains("number", "breachedAt", "queue").contains("customerName", "customerCode").doesNotContain("customerPhone");
        assertThat(variables.of("crm.nothing.happened.v1")).isEmpty();
    }
}
