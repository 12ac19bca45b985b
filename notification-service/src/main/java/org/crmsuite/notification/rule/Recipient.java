package org.crmsuite.notification.rule;

import java.util.List;

import org.crmsuite.notification.delivery.Channel;

/**
 * Who a rule notifies, as written in the rule table: {@code event:<field>}, {@code queue-manager}, {@code role:<role>},
 * {@code user:<id>}, {@code owner} (the owner of the opportunity or customer the event names, from the local
 * projection), {@code owner-of:<field>} (the owner of the customer whose id is in that field, as recorded for that very
 * record, e.g. both sides of a merge), {@code manager-of:<field>} (the manager of the user in that payload field, from the user directory) or
 * {@code webhooks}.
 */
public record Recipient(Kind kind, String argument) {

    public enum Kind { EVENT_FIELD, QUEUE_MANAGER, ROLE, USER, OWNER, OWNER_OF, MANAGER_OF, WEBHOOKS }

    public static Recipient parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("is required");
        }
        String value = text.strip();
        if (value.equals("queue-manager")) {
            return new Recipient(Kind.QUEUE_MANAGER, null);
        }
        if (value.equals("webhooks")) {
            return new Recipient(Kind.WEBHOOKS, null);
        }
        if (value.equals("owner")) {
            return new Recipient(Kind.OWNER, null);
        }
        int colon = value.indexOf(':');
        String argument = colon < 0 ? "" : value.substring(colon + 1).strip();
        if (colon > 0 && !argument.isEmpty() && argument.matches("[A-Za-z0-9._@-]{1,150}")) {
            switch (value.substring(0, colon)) {
                case "event" -> {
                    return new Recipient(Kind.EVENT_FIELD, argument);
                }
                case "role" -> {
                    return new Recipient(Kind.ROLE, argument);
                }
                case "user" -> {
                    return new Recipient(Kind.USER, argument);
                }
                case "manager-of" -> {
                    return new Recipient(Kind.MANAGER_OF, argument);
                }
                case "owner-of" -> {
                    return new Recipient(Kind.OWNER_OF, argument);
                }
                default -> {
                }
            }
        }
        throw new IllegalArgumentException("must be event:<field>, queue-manager, role:<role>, user:<id>, owner, owner-of:<field>, manager-of:<field> or webhooks");
    }

    /** Webhooks go through the WEBHOOK channel only; people never do. */
    public void requireFits(List<Channel> channels) {
        boolean webhook = kind == Kind.WEBHOOKS;
        for (Channel channel : channels) {
            if (webhook != (channel == Channel.WEBHOOK)) {
                throw new IllegalArgumentException(webhook ? "webhooks are notified through WEBHOOK only"
                        : "people are notified through EMAIL, IN_APP or SMS, not " + channel);
            }
        }
    }

    @Override
    public String toString() {
        return switch (kind) {
            case EVENT_FIELD -> "event:" + argument;
            case QUEUE_MANAGER -> "queue-manager";
            case ROLE -> "role:" + argument;
            case USER -> "user:" + argument;
            case OWNER -> "owner";
            case MANAGER_OF -> "manager-of:" + argument;
            case OWNER_OF -> "owner-of:" + argument;
            case WEBHOOKS -> "webhooks";
        };
    }
}
