package io.pointsaga.platform;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** One platform's discount API; the account says where and as whom to call it. */
interface DiscountPlatformClient {

  PlatformDiscount create(PlatformAccount account, DiscountCodeSpec spec);

  DiscountCodeStatus lookup(PlatformAccount account, String code);

  RevocationResult revoke(PlatformAccount account, String code);

  /** The amount as both platforms want it: a string with two decimals ("5.00"). */
  static String moneyAmount(PlatformCall call, BigDecimal amount) {
    if (amount == null || amount.signum() <= 0) {
      throw PlatformFailures.invalid(call, "the amount off must be positive, was " + amount);
    }
    try {
      return amount.setScale(2, RoundingMode.UNNECESSARY).toPlainString();
    } catch (ArithmeticException e) {
      throw PlatformFailures.invalid(
          call, "the amount off " + amount.toPlainString() + " has more than two decimals");
    }
  }
}
