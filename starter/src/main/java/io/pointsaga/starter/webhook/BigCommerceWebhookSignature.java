package io.pointsaga.starter.webhook;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * BigCommerce does not sign webhooks; it sends the custom headers set at subscription. We subscribe
 * with {@code X-PointSaga-Webhook-Secret: <the shop's webhook secret>} and check it.
 */
public final class BigCommerceWebhookSignature {

  public static final String HEADER = "X-PointSaga-Webhook-Secret";

  private BigCommerceWebhookSignature() {}

  /**
   * Whether the header carries the shop's webhook secret. Both are hashed before the constant-time
   * comparison, so neither the content nor the length of the secret shows in the timing. A missing
   * or blank header (or a missing secret) does not match.
   */
  public static boolean matches(String webhookSecret, String headerValue) {
    if (webhookSecret == null || webhookSecret.isEmpty()) {
      return false;
    }
    if (headerValue == null || headerValue.isBlank()) {
      return false;
    }
    return MessageDigest.isEqual(sha256(webhookSecret), sha256(headerValue));
  }

  private static byte[] sha256(String value) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available in this JVM", e);
    }
  }
}
