package io.pointsaga.privacy;

import java.security.SecureRandom;

/**
 * The id a redacted customer is known by: {@code redacted-} and 20 random characters. Random, not a
 * hash of the old id: platform ids are small numbers, so a hash could be reversed by trying them
 * all. It matches the API's customer-id pattern, so the pseudonym can be looked up like any id.
 */
public final class Pseudonyms {
  public static final String PREFIX = "redacted-";

  private static final char[] ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();

  private Pseudonyms() {}

  public static String next() {
    StringBuilder id = new StringBuilder(PREFIX);
    for (int i = 0; i < 20; i++) {
      id.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
    }
    return id.toString();
  }

  public static boolean isPseudonym(String customerId) {
    return customerId != null && customerId.startsWith(PREFIX);
  }
}
