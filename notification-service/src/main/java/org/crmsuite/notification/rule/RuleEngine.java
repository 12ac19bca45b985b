package org.crmsuite.notification.rule;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.crmsuite.notification.config.NotificationProperties;
import org.crmsuite.notification.delivery.Channel;

import tools.jackson.databind.JsonNode;

/**
 * Decides who hears about an event and through which channels, from the rules of its type. Plain code: the rules,
 * the directory and the webhook subscriptions are handed in. A person named by two rules gets the union of their
 * channels, once; the actor who caused the event is not told about their own action by an {@code event:} rule naming
 * themselves only where the payload says so (it never does today), so no such filtering happens here.
 */
public final class RuleEngine {

    private final NotificationProperties.Directory directory;

    public RuleEngine(NotificationProperties.Directory directory) {
        this.directory = directory;
    }

    /**
     * @param subscribers the ids of the active webhook subscriptions listing this event type
     */
    public List<Target> targets(List<Rule> rules, JsonNode payload, Function<String, List<String>> subscribers, String eventType) {
        Map<String, Set<Channel>> byRecipient = new LinkedHashMap<>();
        for (Rule rule : rules) {
            if (!rule.enabled() || (rule.condition() != null && !rule.condition().matches(payload))) {
                continue;
            }
            for (String recipient : recipients(rule.recipient(), payload, subscribers, eventType)) {
                byRecipient.computeIfAbsent(recipient, r -> new LinkedHashSet<>()).addAll(rule.channels());
            }
        }
        List<Target> targets = new ArrayList<>();
        byRecipient.forEach((recipient, channels) -> targets.add(new Target(recipient, List.copyOf(channels))));
        return targets;
    }

    private List<String> recipients(Recipient recipient, JsonNode payload, Function<String, List<String>> subscribers, String eventType) {
        return switch (recipient.kind()) {
            case EVENT_FIELD -> {
                JsonNode node = payload.get(recipient.argument());
                yield node == null || node.isNull() || !node.isString() || node.asString().isBlank() ? List.of() : List.of(node.asString());
            }
            case QUEUE_MANAGER -> {
                JsonNode queue = payload.get("queue");
                yield directory.managersOf(queue == null || queue.isNull() ? null : queue.asString());
            }
            case ROLE -> directory.roleMembers().getOrDefault(recipient.argument(), List.of());
            case USER -> List.of(recipient.argument());
            case WEBHOOKS -> subscribers.apply(eventType).stream().map(id -> Target.WEBHOOK_PREFIX + id).toList();
        };
    }
}
