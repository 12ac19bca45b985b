package org.crmsuite.notification.intake;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.crmsuite.notification.config.NotificationProperties;
import org.crmsuite.notification.delivery.Channel;
import org.crmsuite.notification.delivery.DeliveryWorker;
import org.crmsuite.notification.delivery.Notification;
import org.crmsuite.notification.delivery.NotificationRepository;
import org.crmsuite.notification.directory.DirectoryUser;
import org.crmsuite.notification.directory.UserDirectory;
import org.crmsuite.notification.owner.RecordOwners;
import org.crmsuite.notification.preference.PreferenceRepository;
import org.crmsuite.notification.preference.Preferences;
import org.crmsuite.notification.rule.Recipient;
import org.crmsuite.notification.rule.Rule;
import org.crmsuite.notification.rule.RuleEngine;
import org.crmsuite.notification.rule.RuleRepository;
import org.crmsuite.notification.rule.Target;
import org.crmsuite.notification.template.Templates;
import org.crmsuite.notification.webhook.WebhookRepository;
import org.crmsuite.platform.consume.ProcessedEvents;
import org.crmsuite.platform.events.InboundEvent;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns one event into the notifications it causes, in one transaction with the record that the event was applied:
 * the rules pick the recipients and channels, each person's preferences pick language, zone, address, channels and
 * quiet hours, the templates the text. Each notification is unique per (event, recipient, channel), so neither a
 * redelivered event nor a replayed topic notifies anyone twice.
 */
@Service
public class NotificationPlanner {

    public static final String CONSUMER = "notification-service.planner";

    private final ProcessedEvents processed;
    private final RuleRepository rules;
    private final RuleEngine engine;
    private final WebhookRepository webhooks;
    private final PreferenceRepository preferences;
    private final Templates templates;
    private final NotificationRepository notifications;
    private final DeliveryWorker worker;
    private final NotificationProperties properties;
    private final JsonMapper json;
    private final Clock clock;

    private final RecordOwners owners;

    NotificationPlanner(ProcessedEvents processed, RuleRepository rules, WebhookRepository webhooks, PreferenceRepository preferences,
                        Templates templates, NotificationRepository notifications, DeliveryWorker worker, NotificationProperties properties,
                        JsonMapper json, Clock clock, RecordOwners owners, UserDirectory directory) {
        this.processed = processed;
        this.rules = rules;
        this.owners = owners;
        this.engine = new RuleEngine(new RuleEngine.Lookups() {
            @Override
            public List<String> queueManagers(String queue) {
                return directory.queueManagers(queue);
            }

            @Override
            public List<String> roleMembers(String role) {
                return directory.roleMembers(role);
            }

            @Override
            public Optional<String> managerOf(String user) {
                return directory.user(user).map(DirectoryUser::manager);
            }

            @Override
            public Optional<String> recordOwner(JsonNode payload) {
                return owners.ownerOf(RecordOwners.Keys.of(payload));
            }

            @Override
            public Optional<String> customerOwner(String customerId) {
                return owners.ownOwnerOf(customerId);
            }
        });
        this.webhooks = webhooks;
        this.preferences = preferences;
        this.templates = templates;
        this.notifications = notifications;
        this.worker = worker;
        this.properties = properties;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Applies what the event teaches about record owners, plans its notifications, and plans again the events that
     * were waiting for an owner this event made known.
     *
     * @return how many notifications were planned (0 for a repeat or an event no rule is interested in)
     */
    @Transactional
    public int plan(InboundEvent event) {
        int planned = owners.apply(event).map(this::release).orElse(0);
        List<Rule> matching = rules.forEventType(event.type());
        if (!matching.isEmpty() && processed.firstTime(CONSUMER, event.id())) {
            planned += planRules(event, matching);
        }
        if (planned > 0) {
            afterCommit(worker::wake);
        }
        return planned;
    }

    /** The waiting events that name one of these keys and whose owner is now known. */
    private int release(RecordOwners.Keys keys) {
        int planned = 0;
        for (InboundEvent waiting : owners.waitingFor(keys)) {
            List<Rule> matching = rules.forEventType(waiting.type());
            if (!engine.ownerUnknown(matching, waiting.data())) {
                planned += planRules(waiting, matching); // notifications planned before it waited are not repeated (unique key)
                owners.stopWaiting(waiting.id());
            }
        }
        return planned;
    }

    private int planRules(InboundEvent event, List<Rule> matching) {
        JsonNode data = event.data();
        if (matching.stream().anyMatch(r -> r.recipient().kind() == Recipient.Kind.OWNER)) {
            owners.lock(); // see RecordOwners.lock: the owner check and the parking must not race the projection
        }
        if (engine.ownerUnknown(matching, data)) {
            RecordOwners.Keys keys = RecordOwners.Keys.of(data);
            if (keys.any()) {
                owners.await(event, keys); // the other recipients are told now; the owner when the record reaches us
            }
        }
        JsonNode rendered = null;
        Instant now = clock.instant();
        boolean urgent = properties.urgentEventTypes().contains(event.type());
        int planned = 0;
        String webhookBody = null;
        for (Target target : engine.targets(matching, event.data(), webhooks::subscribersOf, event.type())) {
            if (target.isWebhook()) {
                webhookBody = webhookBody == null ? webhookBody(event) : webhookBody; // the same bytes for every subscriber
                planned += plan(event, target.recipient(), Channel.WEBHOOK, null, null, null, webhookBody, urgent, now) ? 1 : 0;
                continue;
            }
            Preferences p = preferences.of(target.recipient());
            Instant release = urgent || p.quietHours() == null ? now : p.quietHours().releaseTime(now, p.zone());
            for (Channel channel : p.channelsFor(event.type(), target.channels())) {
                String address = switch (channel) {
                    case EMAIL -> p.email();
                    case SMS -> p.phone();
                    case IN_APP -> target.recipient();
                    case WEBHOOK -> null;
                };
                if (address == null || channel == Channel.WEBHOOK) {
                    continue; // no phone number (or email) on file: that channel is skipped for this person
                }
                rendered = rendered == null ? enriched(data) : rendered;
                Templates.Message message = templates.render(event.type(), channel, p.language(), p.zone(), rendered);
                planned += plan(event, target.recipient(), channel, address, p.language(), message.subject(), message.body(), urgent, release) ? 1 : 0;
            }
        }
        return planned;
    }

    /**
     * The payload plus what templates may add ({@link org.crmsuite.notification.template.TemplateVariables#DERIVED}):
     * the named customer's code and name from the projection, and the days overdue when finance left them out.
     * Only for rendering: webhooks receive the payload as it was sent.
     */
    private JsonNode enriched(JsonNode payload) {
        if (!(payload instanceof ObjectNode original)) {
            return payload;
        }
        ObjectNode data = original.deepCopy();
        RecordOwners.Keys keys = RecordOwners.Keys.of(data);
        if ((keys.customerId() != null || keys.uscc() != null) && (!data.has("customerCode") || !data.has("customerName"))) {
            owners.customer(keys).ifPresent(c -> {
                if (!data.has("customerCode") && c.code() != null) {
                    data.put("customerCode", c.code());
                }
                if (!data.has("customerName") && c.legalName() != null) {
                    data.put("customerName", c.legalName());
                }
            });
        }
        if (!data.has("customerName") && (keys.customerId() != null || keys.uscc() != null)) {
            data.put("customerName", keys.uscc() != null ? keys.uscc() : keys.customerId().toString());
        }
        if (!data.has("customerCode") && (keys.customerId() != null || keys.uscc() != null)) {
            data.put("customerCode", "-");
        }
        if (data.has("dueDate") && data.has("detectedAt") && (!data.has("daysOverdue") || data.get("daysOverdue").isNull())) {
            try {
                LocalDate due = LocalDate.parse(data.get("dueDate").asString());
                LocalDate detected = Instant.parse(data.get("detectedAt").asString()).atZone(ZoneOffset.UTC).toLocalDate();
                data.put("daysOverdue", Math.max(0, ChronoUnit.DAYS.between(due, detected)));
            } catch (RuntimeException e) {
                // validated upstream; leave it out rather than fail the event
            }
        }
        return data;
    }

    private boolean plan(InboundEvent event, String recipient, Channel channel, String address, String locale, String subject, String body,
                         boolean urgent, Instant release) {
        return notifications.insertIfAbsent(new Notification(UUID.randomUUID(), event.id(), event.type(), recipient, channel, address, locale,
                subject, body, urgent, "PENDING", 0, release, null, null, null, null, event.time()));
    }

    /** What a webhook receives: the CloudEvents attributes and the payload, in the structured JSON form. */
    private String webhookBody(InboundEvent event) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("specversion", "1.0");
        body.put("id", event.id());
        body.put("type", event.type());
        body.put("source", event.source());
        body.put("subject", event.subject());
        body.put("time", event.time() == null ? null : event.time().toString());
        body.put("datacontenttype", "application/json");
        body.put("data", event.data());
        return json.writeValueAsString(body);
    }

    private static void afterCommit(Runnable action) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    action.run();
                }
            });
        } else {
            action.run();
        }
    }
}
