package io.pointsaga.redemption;

import java.security.SecureRandom;

/** Coupon codes customers type at checkout: unguessable, without look-alike characters. */
final class CouponCodes {
  private static final char[] ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();

  private CouponCodes() {}

  static String next() {
    StringBuilder code = new StringBuilder("PTS-");
    for (int i = 0; i < 10; i++) {
      if (i == 5) {
        code.append('-');
      }
      code.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
    }
    return code.toString();
  }
}
