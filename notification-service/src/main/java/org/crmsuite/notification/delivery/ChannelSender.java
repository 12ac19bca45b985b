package org.crmsuite.notification.delivery;

/** Sends one notification through one channel; never throws, reports the outcome. */
public interface ChannelSender {

    Channel channel();

    DeliveryResult send(Notification notification);

    /** Called with each claimed batch before its notifications are sent, to load what they share in one go. */
    default void prepare(java.util.List<Notification> batch) {
    }
}
