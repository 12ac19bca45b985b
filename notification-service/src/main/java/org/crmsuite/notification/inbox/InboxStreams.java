package org.crmsuite.notification.inbox;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.crmsuite.notification.delivery.Channel;
import org.crmsuite.notification.delivery.Notification;
import org.crmsuite.notification.delivery.NotificationRepository;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The open browsers of each user, as Server-Sent Events streams. When an in-app notification is delivered on any
 * replica, every stream of its recipient on this replica gets it (event {@code notification}) through {@link InboxFanOut}. On shutdown every stream is
 * completed first, so the graceful shutdown does not wait for them and browsers reconnect to another replica.
 */
@Component
public class InboxStreams implements SmartLifecycle {

    private final Map<String, List<SseEmitter>> streams = new ConcurrentHashMap<>();
    private final NotificationRepository notifications;

    InboxStreams(NotificationRepository notifications) {
        this.notifications = notifications;
    }

    SseEmitter open(String user, long timeoutMs, long unread) {
        SseEmitter emitter = new SseEmitter(timeoutMs);
        List<SseEmitter> mine = streams.computeIfAbsent(user, u -> new CopyOnWriteArrayList<>());
        mine.add(emitter);
        Runnable remove = () -> mine.remove(emitter);
        emitter.onCompletion(remove);
        emitter.onTimeout(remove);
        emitter.onError(e -> remove.run());
        try {
            emitter.send(SseEmitter.event().name("unread-count").data(Map.of("unread", unread), MediaType.APPLICATION_JSON));
        } catch (IOException e) {
            remove.run();
        }
        return emitter;
    }

    int openStreams(String user) {
        return streams.getOrDefault(user, List.of()).size();
    }

    /**
     * Pushes an inbox message to the recipient's streams open on this replica (event {@code notification}). Called by
     * {@link InboxFanOut} for every message delivered on any replica.
     */
    void push(UUID notificationId, String recipient) {
        List<SseEmitter> mine = streams.get(recipient);
        if (mine == null || mine.isEmpty()) {
            return;
        }
        Notification notification = notifications.find(notificationId).orElse(null);
        if (notification == null || notification.channel() != Channel.IN_APP || !recipient.equals(notification.recipient())) {
            return;
        }
        InboxItem item = InboxItem.of(notification);
        for (SseEmitter emitter : mine) {
            try {
                emitter.send(SseEmitter.event().id(item.id().toString()).name("notification").data(item, MediaType.APPLICATION_JSON));
            } catch (IOException | IllegalStateException e) {
                mine.remove(emitter);
            }
        }
    }

    private volatile boolean running;

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        streams.values().forEach(list -> list.forEach(emitter -> {
            try {
                emitter.complete();
            } catch (RuntimeException e) {
                // already gone
            }
        }));
        streams.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
