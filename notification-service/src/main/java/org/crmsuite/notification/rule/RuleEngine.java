package org.crmsuite.notification.rule;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

    /** Where the engine looks people up: the user directory and the projection of record owners. */
    public interface Lookups {
        List<String> queueManagers(String queue);

        List<String> roleMembers(String role);

        /** The manager of a user, if the directory names one. */
        Optional<String> managerOf(String user);

        /** The owner of the opportunity or customer the payload names, if known. */
        Optional<String> recordOwner(JsonNode payload);

        /** The owner recorded for this customer record itself (a merged record keeps its own), if known. */
        default Optional<String> customerOwner(String customerId) {
            return Optional.empty();
        }
    }

    private final Lookups lookups;

    public RuleEngine(Lookups lookups) {
        this.lookups = lookups;
    }

    /** Only the configured directory: no managers, no record owners. */
    public RuleEngine(NotificationProperties.Directory directory) {
        this(new Lookups() {
            @Override
            public List<String> queueManagers(String queue) {
                return directory.managersOf(queue);
            }

            @Override
            public List<String> roleMembers(String role) {
                return directory.roleMembers().getOrDefault(role, List.of());
            }

            @Override
            public Optional<String> managerOf(String user) {
                return Optional.empty();
            }

            @Override
            public Optional<String> recordOwner(JsonNode payload) {
                return Optional.empty();
            }
        });
    }

    /** Whether a rule of these names the record's owner and this payload's owner is unknown (the event must wait). */
    public boolean ownerUnknown(List<Rule> rules, JsonNode payload) {
        return rules.stream().anyMatch(rule -> rule.enabled() && rule.recipient().kind() == Recipient.Kind.OWNER
                && (rule.condition() == null || rule.condition().matches(payload))) && lookups.recordOwner(payload).isEmpty();
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
                yield lookups.queueManagers(queue == null || queue.isNull() ? null : queue.asString());
            }
            case ROLE -> lookups.roleMembers(recipient.argument());
            case USER -> List.of(recipient.argument());
            case OWNER -> lookups.recordOwner(payload).map(List::of).orElse(List.of());
            case OWNER_OF -> {
                JsonNode node = payload.get(recipient.argument());
                yield node == null || node.isNull() || !node.isString() || node.asString().isBlank() ? List.<String>of()
                        : lookups.customerOwner(node.asString()).map(List::of).orElse(List.of());
            }
            case MANAGER_OF -> {
                JsonNode node = payload.get(recipient.argument());
                yield node == null || node.isNull() || !node.isString() || node.asString().isBlank() ? List.<String>of()
                        : lookups.managerOf(node.asString()).map(List::of).orElse(List.of());
            }
            case WEBHOOKS -> subscribers.apply(eventType).stream().map(id -> Target.WEBHOOK_PREFIX + id).toList();
        };
    }
}
