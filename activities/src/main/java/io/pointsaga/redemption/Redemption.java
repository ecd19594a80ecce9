package io.pointsaga.redemption;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A stored redemption: points spent on a reward, and the coupon code it produced.
 *
 * @param pointsRestored points given back so far by refunds of the order the coupon was used on
 *     (restoreRedeemedPoints PROPORTIONAL); all of them once it is refunded
 */
public record Redemption(
    String id,
    long shopId,
    String customerId,
    long rewardId,
    String rewardName,
    BigDecimal discountAmount,
    long pointsSpent,
    String couponCode,
    String platformDiscountId,
    RedemptionStatus status,
    String statusReason,
    Instant createdAt,
    Instant issuedAt,
    Instant refundedAt,
    long pointsRestored) {

  /** A redemption none of whose points came back through refunds of an order. */
  public Redemption(
      String id,
      long shopId,
      String customerId,
      long rewardId,
      String rewardName,
      BigDecimal discountAmount,
      long pointsSpent,
      String couponCode,
      String platformDiscountId,
      RedemptionStatus status,
      String statusReason,
      Instant createdAt,
      Instant issuedAt,
      Instant refundedAt) {
    this(
        id,
        shopId,
        customerId,
        rewardId,
        rewardName,
        discountAmount,
        pointsSpent,
        couponCode,
        platformDiscountId,
        status,
        statusReason,
        createdAt,
        issuedAt,
        refundedAt,
        0);
  }

  /** The points spent that have not come back yet. */
  public long pointsNotRestored() {
    return pointsSpent - pointsRestored;
  }
}
