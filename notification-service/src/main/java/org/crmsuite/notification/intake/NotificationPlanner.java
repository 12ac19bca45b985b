package org.crmsuite.notification.intake;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.crmsuite.notification.config.NotificationProperties;
import org.crmsuite.notification.delivery.Channel;
import org.crmsuite.notification.delivery.DeliveryWorker;
import org.crmsuite.notification.delivery.Notification;
import org.crmsuite.notification.delivery.NotificationRepository;
import org.crmsuite.notification.preference.PreferenceRepository;
import org.crmsuite.notification.preference.Preferences;
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

import tools.jackson.databind.json.JsonMapper;

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

    NotificationPlanner(ProcessedEvents processed, RuleRepository rules, WebhookRepository webhooks, PreferenceRepository preferences,
                        Templates templates, NotificationRepository notifications, DeliveryWorker worker, NotificationProperties properties,
                        JsonMapper json, Clock clock) {
        this.processed = processed;
        this.rules = rules;
        this.engine = new RuleEngine(properties.directory());
        this.webhooks = webhooks;
        this.preferences = preferences;
        this.templates = templates;
        this.notifications = notifications;
        this.worker = worker;
        this.properties = properties;
        this.json = json;
        this.clock = clock;
    }

    /** @return how many notifications were planned (0 for a repeat or an event no rule is interested in) */
    @Transactional
    public int plan(InboundEvent event) {
        List<Rule> matching = rules.forEventType(event.type());
        if (matching.isEmpty()) {
            return 0; // no rule is interested: nothing to remember either
        }
        if (!processed.firstTime(CONSUMER, event.id())) {
            return 0;
        }
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
                Templates.Message message = templates.render(event.type(), channel, p.language(), p.zone(), event.data());
                planned += plan(event, target.recipient(), channel, address, p.language(), message.subject(), message.body(), urgent, release) ? 1 : 0;
            }
        }
        if (planned > 0) {
            afterCommit(worker::wake);
        }
        return planned;
    }

    private boolean plan(InboundEvent event, String recipient, Channel channel, String address, String locale, String subject, String body,
                         boolean urgent, Instant release) {
        return notifications.insertIfAbsent(new Notification(UUID.randomUUID(), event.id(), event.type(), recipient, channel, address, locale,
                subject, body, urgent, "PENDING", 0, release, null, null, null, null));
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
