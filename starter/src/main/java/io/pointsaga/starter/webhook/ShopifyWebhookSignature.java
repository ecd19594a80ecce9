package io.pointsaga.starter.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Shopify's {@code X-Shopify-Hmac-Sha256}: the base64 HMAC-SHA256 of the raw body bytes, keyed with
 * the shop's webhook secret. Check it on the bytes as received; re-serialised JSON will not match.
 */
public final class ShopifyWebhookSignature {

  public static final String HEADER = "X-Shopify-Hmac-Sha256";

  private static final String ALGORITHM = "HmacSHA256";

  private ShopifyWebhookSignature() {}

  /**
   * Whether {@code hmacHeader} is the signature of {@code rawBody} under {@code webhookSecret},
   * compared in constant time. A missing, blank or non-base64 header (or a missing secret) does not
   * match; it never throws.
   */
  public static boolean matches(String webhookSecret, byte[] rawBody, String hmacHeader) {
    if (webhookSecret == null || webhookSecret.isEmpty() || rawBody == null) {
      return false;
    }
    if (hmacHeader == null || hmacHeader.isBlank()) {
      return false;
    }
    byte[] claimed;
    try {
      claimed = Base64.getDecoder().decode(hmacHeader.strip());
    } catch (IllegalArgumentException notBase64) {
      return false;
    }
    return MessageDigest.isEqual(hmac(webhookSecret, rawBody), claimed);
  }

  /** The header value Shopify sends with {@code rawBody}; for simulated deliveries and tests. */
  public static String sign(String webhookSecret, byte[] rawBody) {
    if (webhookSecret == null || webhookSecret.isEmpty()) {
      throw new IllegalArgumentException("a webhook secret is needed to sign a delivery");
    }
    return Base64.getEncoder().encodeToString(hmac(webhookSecret, rawBody));
  }

  private static byte[] hmac(String webhookSecret, byte[] rawBody) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(webhookSecret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
      return mac.doFinal(rawBody);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
    }
  }
}
