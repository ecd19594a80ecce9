package io.pointsaga.redemption;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * restoreRedeemedPoints PROPORTIONAL (SPEC §13): how many of a redeemed coupon's points have come
 * back once part of the order it was used on was refunded. Pure and exact: each refund gives back
 * the difference between this share and what came back before, so the shares add up to the points
 * spent exactly when the order is refunded in full, whatever the order and size of the refunds.
 */
public final class CouponPointsShare {
  private CouponPointsShare() {}

  /**
   * floor(points spent x refunded / spend); all of them once the order is refunded in full (or its
   * spend was nothing, as when the coupon paid for all of it, and it is refunded); never more than
   * spent, never less than nothing.
   *
   * @param pointsSpent the redemption's points
   * @param refunded the order's effective value refunded so far (all refunds counted)
   * @param spend the order's effective spend
   * @param orderRefundedInFull the refund completes the order
   */
  public static long pointsBack(
      long pointsSpent, BigDecimal refunded, BigDecimal spend, boolean orderRefundedInFull) {
    if (pointsSpent <= 0) {
      return 0;
    }
    if (orderRefundedInFull) {
      return pointsSpent;
    }
    if (spend == null || refunded == null || spend.signum() <= 0 || refunded.signum() <= 0) {
      return 0;
    }
    if (refunded.compareTo(spend) >= 0) {
      return pointsSpent;
    }
    long share =
        BigDecimal.valueOf(pointsSpent)
            .multiply(refunded)
            .divide(spend, 0, RoundingMode.FLOOR)
            .longValueExact();
    return Math.max(0, Math.min(pointsSpent, share));
  }
}
