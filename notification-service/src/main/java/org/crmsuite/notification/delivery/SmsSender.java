package org.crmsuite.notification.delivery;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.crmsuite.notification.config.NotificationProperties;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/** SMS through the provider's HTTP API: {@code POST <endpoint>} with {@code {"to","text","reference"}} and a bearer API key. */
@Component
class SmsSender implements ChannelSender {

    private final HttpClient http;
    private final NotificationProperties.Sms settings;
    private final JsonMapper json;

    SmsSender(HttpClient outboundHttpClient, NotificationProperties properties, JsonMapper json) {
        this.http = outboundHttpClient;
        this.settings = properties.sms();
        this.json = json;
    }

    @Override
    public Channel channel() {
        return Channel.SMS;
    }

    @Override
    public DeliveryResult send(Notification n) {
        String body = json.writeValueAsString(Map.of("to", n.address(), "text", n.body(), "reference", n.id().toString()));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(settings.endpoint())).timeout(settings.timeout())
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (settings.apiKey() != null && !settings.apiKey().isBlank()) {
            request.header("Authorization", "Bearer " + settings.apiKey());
        }
        try {
            int status = http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status >= 200 && status < 300) {
                return DeliveryResult.ok();
            }
            return status == 400 || status == 422 ? DeliveryResult.failedForGood("SMS provider refused: HTTP " + status)
                    : DeliveryResult.failed("SMS provider: HTTP " + status);
        } catch (java.io.IOException e) {
            return DeliveryResult.failed(e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return DeliveryResult.failed("interrupted");
        }
    }
}
