package org.crmsuite.notification.delivery;

/** What one attempt came to. A permanent failure (a bad address) goes to the dead-letter list without further tries. */
public record DeliveryResult(boolean delivered, String error, boolean permanent) {

    public static DeliveryResult ok() {
        return new DeliveryResult(true, null, false);
    }

    public static DeliveryResult failed(String error) {
        return new DeliveryResult(false, error, false);
    }

    public static DeliveryResult failedForGood(String error) {
        return new DeliveryResult(false, error, true);
    }
}
