package org.crmsuite.notification.rule;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.crmsuite.notification.config.NotificationProperties;
import org.crmsuite.notification.delivery.Channel;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RuleEngineTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    final RuleEngine engine = new RuleEngine(new NotificationProperties.Directory(
            Map.of("vip", List.of("vip.manager"), "*", List.of("service.manager")), Map.of("data-steward", List.of("steward", "steward.two"))));

    static Rule rule(String type, String recipient, String condition, Channel... channels) {
        return new Rule(UUID.randomUUID(), type, Recipient.parse(recipient), List.of(channels), Condition.parse(condition), true, null, 0);
    }

    static JsonNode payload(String json) {
        return JSON.readTree(json);
    }

    @Test
    void aBreachGoesToTheQueueManagerAndTheAssigneeWithTheUnionOfChannelsPerPerson() {
        List<Rule> rules = List.of(rule("t", "queue-manager", null, Channel.IN_APP, Channel.SMS), rule("t", "event:assignee", null, Channel.EMAIL),
                rule("t", "user:service.manager", null, Channel.EMAIL));
        List<Target> targets = engine.targets(rules, payload("{\"queue\":\"vip\",\"assignee\":\"li\"}"), t -> List.of(), "t");
        assertThat(targets).containsExactly(new Target("vip.manager", List.of(Channel.IN_APP, Channel.SMS)), new Target("li", List.of(Channel.EMAIL)),
                new Target("service.manager", List.of(Channel.EMAIL)));

        List<Target> otherQueue = engine.targets(rules, payload("{\"queue\":\"tier-1\",\"assignee\":null}"), t -> List.of(), "t");
        assertThat(otherQueue).containsExactly(new Target("service.manager", List.of(Channel.IN_APP, Channel.SMS, Channel.EMAIL)));
    }

    @Test
    void conditionsRolesAndWebhooks() {
        List<Rule> rules = List.of(rule("t", "role:data-steward", "csat <= 2", Channel.IN_APP), rule("t", "webhooks", null, Channel.WEBHOOK));
        assertThat(engine.targets(rules, payload("{\"csat\":4}"), t -> List.of("s1"), "t")).containsExactly(new Target("webhook:s1", List.of(Channel.WEBHOOK)));
        assertThat(engine.targets(rules, payload("{\"csat\":2}"), t -> List.of(), "t")).extracting(Target::recipient).containsExactly("steward", "steward.two");
        assertThat(engine.targets(rules, payload("{\"csat\":\"2\"}"), t -> List.of(), "t")).isEmpty();
    }

    @Test
    void recipientAndConditionSyntax() {
        assertThat(Recipient.parse("event:ownerId").toString()).isEqualTo("event:ownerId");
        assertThatThrownBy(() -> Recipient.parse("owner")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Recipient.parse("event:")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Recipient.parse("webhooks").requireFits(List.of(Channel.EMAIL))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Recipient.parse("user:x").requireFits(List.of(Channel.WEBHOOK))).isInstanceOf(IllegalArgumentException.class);
        assertThat(Condition.parse(" csat<=2 ").toString()).isEqualTo("csat <= 2");
        assertThat(Condition.parse("")).isNull();
        assertThatThrownBy(() -> Condition.parse("csat ~ 2")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Condition.parse("drop table")).isInstanceOf(IllegalArgumentException.class);
    }
}
