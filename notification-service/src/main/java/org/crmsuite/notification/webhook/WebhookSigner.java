package org.crmsuite.notification.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The webhook signature: HMAC-SHA256 with the subscription's secret over {@code timestamp + "." + body}, sent as
 * {@code X-Crm-Signature: sha256=<hex>} beside {@code X-Crm-Timestamp: <epoch seconds>}. A receiver recomputes it,
 * compares in constant time and rejects old timestamps (replays).
 */
public final class WebhookSigner {

    public static final String TIMESTAMP_HEADER = "X-Crm-Timestamp";
    public static final String SIGNATURE_HEADER = "X-Crm-Signature";

    private WebhookSigner() {
    }

    public static String signature(String secret, long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
