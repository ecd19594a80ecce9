package io.pointsaga.order;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/** The points arithmetic of SPEC §3: pure, exact (BigDecimal money, long points, floor). */
public final class PointsMath {
  private PointsMath() {}

  /** Sum of the lines after their discount allocations, without shipping, taxes and tips. */
  public static BigDecimal effectiveSpend(List<OrderLine> lines) {
    return lines.stream()
        .map(OrderLine::amountAfterDiscounts)
        .reduce(BigDecimal.ZERO, BigDecimal::add)
        .max(BigDecimal.ZERO);
  }

  /** floor(amount x rate); nothing for a non-positive amount or rate. */
  public static long points(BigDecimal amount, BigDecimal rate) {
    if (amount == null || rate == null || amount.signum() <= 0 || rate.signum() <= 0) {
      return 0;
    }
    return amount.multiply(rate).setScale(0, RoundingMode.FLOOR).longValueExact();
  }

  /**
   * AWARDED: the points an order may still hold once {@code refunded} of its {@code spend} came
   * back: floor(awarded rate x remaining effective spend). Zero after a full refund, so exactly the
   * points earned are gone then, whatever the order of the refunds.
   */
  public static long pointsKept(BigDecimal awardedRate, BigDecimal spend, BigDecimal refunded) {
    return points(remaining(spend, refunded), awardedRate);
  }

  /**
   * A line's effective amount once order edits left {@code quantityNow} of the {@code quantity} it
   * was paid with: amount x quantityNow / quantity, to the cent (half up); exactly the amount at
   * the paid quantity and nothing at zero. Unchanged when the paid quantity is not known (or zero).
   */
  public static BigDecimal lineAmountNow(BigDecimal amount, Integer quantity, Integer quantityNow) {
    if (amount == null) {
      return BigDecimal.ZERO;
    }
    if (quantity == null || quantity <= 0 || quantityNow == null) {
      return amount;
    }
    if (quantityNow.equals(quantity)) {
      return amount;
    }
    return amount
        .multiply(BigDecimal.valueOf(Math.max(0, quantityNow)))
        .divide(BigDecimal.valueOf(quantity), Math.max(2, amount.scale()), RoundingMode.HALF_UP);
  }

  /** What is left of the spend after refunds, never below zero. */
  public static BigDecimal remaining(BigDecimal spend, BigDecimal refunded) {
    return spend.subtract(refunded).max(BigDecimal.ZERO);
  }
}
