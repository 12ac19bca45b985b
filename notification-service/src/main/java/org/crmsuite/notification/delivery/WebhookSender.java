package org.crmsuite.notification.delivery;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.UUID;

import org.crmsuite.notification.config.NotificationProperties;
import org.crmsuite.notification.rule.Target;
import org.crmsuite.notification.webhook.WebhookRepository;
import org.crmsuite.notification.webhook.WebhookSigner;
import org.crmsuite.notification.webhook.WebhookSubscription;
import org.crmsuite.notification.webhook.WebhookUrlPolicy;
import org.springframework.stereotype.Component;

/**
 * POSTs the event to the subscription's current URL, signed with its current secret. The URL is checked again
 * against the SSRF policy before each attempt (DNS may have changed since it was saved).
 */
@Component
class WebhookSender implements ChannelSender {

    static final String EVENT_TYPE_HEADER = "X-Crm-Event-Type";
    static final String EVENT_ID_HEADER = "X-Crm-Event-Id";
    static final String DELIVERY_HEADER = "X-Crm-Delivery";

    private final HttpClient http;
    private final WebhookRepository subscriptions;
    private final WebhookUrlPolicy urls;
    private final NotificationProperties.Webhooks settings;
    private final Clock clock;

    WebhookSender(HttpClient outboundHttpClient, WebhookRepository subscriptions, NotificationProperties properties, Clock clock) {
        this.http = outboundHttpClient;
        this.subscriptions = subscriptions;
        this.settings = properties.webhooks();
        this.urls = new WebhookUrlPolicy(settings.allowedHosts());
        this.clock = clock;
    }

    @Override
    public Channel channel() {
        return Channel.WEBHOOK;
    }

    /** The subscriptions of the batch being sent, loaded in one query (a fan-out to 200 subscribers is one batch). */
    private volatile Map<UUID, WebhookSubscription> prepared = Map.of();

    @Override
    public void prepare(List<Notification> batch) {
        List<UUID> ids = batch.stream().filter(n -> n.channel() == Channel.WEBHOOK).map(WebhookSender::subscriptionId).distinct().toList();
        prepared = ids.isEmpty() ? Map.of() : subscriptions.findAll(ids).stream().collect(Collectors.toUnmodifiableMap(WebhookSubscription::id, s -> s));
    }

    private static UUID subscriptionId(Notification n) {
        return UUID.fromString(n.recipient().substring(Target.WEBHOOK_PREFIX.length()));
    }

    @Override
    public DeliveryResult send(Notification n) {
        UUID id = subscriptionId(n);
        WebhookSubscription loaded = prepared.get(id);
        Optional<WebhookSubscription> found = loaded != null ? Optional.of(loaded) : subscriptions.find(id);
        if (found.isEmpty() || !found.get().active()) {
            return DeliveryResult.failedForGood("the webhook subscription was removed or deactivated");
        }
        WebhookSubscription subscription = found.get();
        String refusal = urls.refusal(subscription.url());
        if (refusal != null) {
            return DeliveryResult.failedForGood("url " + refusal);
        }
        long timestamp = clock.instant().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(URI.create(subscription.url()))
                .timeout(settings.timeout())
                .header("Content-Type", "application/json; charset=utf-8")
                .header(WebhookSigner.TIMESTAMP_HEADER, Long.toString(timestamp))
                .header(WebhookSigner.SIGNATURE_HEADER, WebhookSigner.signature(subscription.secret(), timestamp, n.body()))
                .header(EVENT_TYPE_HEADER, n.sourceEventType())
                .header(EVENT_ID_HEADER, n.sourceEventId())
                .header(DELIVERY_HEADER, n.id().toString())
                .POST(HttpRequest.BodyPublishers.ofString(n.body(), StandardCharsets.UTF_8))
                .build();
        try {
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            int status = response.statusCode();
            return status >= 200 && status < 300 ? DeliveryResult.ok() : DeliveryResult.failed("HTTP " + status);
        } catch (java.io.IOException e) {
            return DeliveryResult.failed(e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return DeliveryResult.failed("interrupted");
        }
    }
}
