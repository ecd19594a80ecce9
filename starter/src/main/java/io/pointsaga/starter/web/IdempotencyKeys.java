package io.pointsaga.starter.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/**
 * The {@code Idempotency-Key} header (SPEC §8) and every key built from it, in one place. A key is
 * scoped to (shop, customer, key): the shop by the ledger's and the redemptions' own per-shop
 * uniqueness, the customer and the key by length-prefixing each part, so that customer {@code X}
 * with key {@code x:k} and customer {@code X:x} with key {@code k} never meet.
 */
public final class IdempotencyKeys {
  public static final String HEADER = "Idempotency-Key";
  public static final int MAX_LENGTH = 255;

  private static final char[] ID_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789".toCharArray();

  private IdempotencyKeys() {}

  /**
   * The client's key, trimmed; empty when the header is absent or blank (each request is then new).
   * A 400 when it is longer than {@value #MAX_LENGTH} characters or holds control characters.
   */
  public static Optional<String> read(String header) {
    if (header == null || header.isBlank()) {
      return Optional.empty();
    }
    String key = header.trim();
    if (key.length() > MAX_LENGTH) {
      throw ApiException.badRequest(
          "Header %s must be at most %d characters; got %d"
              .formatted(HEADER, MAX_LENGTH, key.length()));
    }
    if (key.chars().anyMatch(Character::isISOControl)) {
      throw ApiException.badRequest("Header " + HEADER + " must not contain control characters");
    }
    return Optional.of(key);
  }

  /** The ledger idempotency key of the manual adjustment {@code key} of {@code customerId}. */
  public static String adjustment(String customerId, String key) {
    return "adjustment:" + scoped(customerId, key);
  }

  /** The redemption id a retried redemption request of the same key maps to. */
  public static String redemptionId(long shopId, String customerId, String key) {
    byte[] digest = sha256(shopId + ":" + scoped(customerId, key));
    StringBuilder id = new StringBuilder("rdm_");
    for (int i = 0; i < 16; i++) {
      id.append(ID_ALPHABET[(digest[i] & 0xff) % ID_ALPHABET.length]);
    }
    return id.toString();
  }

  /** {@code <length of customer>:<customer>:<key>}: unambiguous whatever the parts contain. */
  static String scoped(String customerId, String key) {
    return customerId.length() + ":" + customerId + ":" + key;
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
