package io.pointsaga.starter.webhook;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.stream.Stream;

/** Amounts as the order saga stores them: two decimals, rounded half up only when needed. */
final class ShopifyMoney {

  static final int SCALE = 2;

  private ShopifyMoney() {}

  static BigDecimal rounded(BigDecimal amount) {
    return amount.setScale(SCALE, RoundingMode.HALF_UP);
  }

  static BigDecimal sum(Stream<BigDecimal> amounts) {
    return amounts.reduce(BigDecimal.ZERO, BigDecimal::add);
  }
}
