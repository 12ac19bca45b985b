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
            Map.of("vip", List.of("vip.manager"), "*", List.of("service.manager")), Map.of("data-steward", List.of("steward", "steward.two")), null, null));

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
        assertThat(Recipient.parse(" owner ").kind()).isEqualTo(Recipient.Kind.OWNER);
        assertThat(Recipient.parse("manager-of:assignee").toString()).isEqualTo("manager-of:assignee");
        assertThatThrownBy(() -> Recipient.parse("owners")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Recipient.parse("manager-of:")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Recipient.parse("event:")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Recipient.parse("webhooks").requireFits(List.of(Channel.EMAIL))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Recipient.parse("user:x").requireFits(List.of(Channel.WEBHOOK))).isInstanceOf(IllegalArgumentException.class);
        assertThat(Condition.parse(" csat<=2 ").toString()).isEqualTo("csat <= 2");
        assertThat(Condition.parse("")).isNull();
        assertThatThrownBy(() -> Condition.parse("csat ~ 2")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Condition.parse("drop table")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theRecordOwnerAndAUsersManagerComeFromTheLookupsAndAnUnknownOwnerMakesTheEventWait() {
        RuleEngine withLookups = new RuleEngine(new RuleEngine.Lookups() {
            @Override
            public List<String> queueManagers(String queue) {
                return List.of();
            }

            @Override
            public List<String> roleMembers(String role) {
                return List.of();
            }

            @Override
            public java.util.Optional<String> managerOf(String user) {
                return "li".equals(user) ? java.util.Optional.of("boss.li") : java.util.Optional.empty();
            }

            @Override
            public java.util.Optional<String> recordOwner(JsonNode payload) {
                return payload.has("customerId") ? java.util.Optional.of("rep." + payload.get("customerId").asString()) : java.util.Optional.empty();
            }
        });
        List<Rule> rules = List.of(rule("t", "owner", null, Channel.EMAIL), rule("t", "manager-of:assignee", null, Channel.IN_APP));
        assertThat(withLookups.targets(rules, payload("{\"customerId\":\"zhou\",\"assignee\":\"li\"}"), t -> List.of(), "t"))
                .containsExactly(new Target("rep.zhou", List.of(Channel.EMAIL)), new Target("boss.li", List.of(Channel.IN_APP)));
        assertThat(withLookups.ownerUnknown(rules, payload("{\"customerId\":\"zhou\"}"))).isFalse();
        assertThat(withLookups.ownerUnknown(rules, payload("{\"uscc\":\"x\",\"assignee\":\"wu\"}"))).isTrue();
        assertThat(withLookups.targets(rules, payload("{\"uscc\":\"x\",\"assignee\":\"wu\"}"), t -> List.of(), "t")).isEmpty();
    }
}
