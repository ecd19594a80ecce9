package io.pointsaga.redemption;

import java.math.BigDecimal;

/**
 * What {@link RedemptionActivities#reserve} did.
 *
 * @param balanceAfter the customer's balance after the debit, or their balance when refused
 */
public record Reservation(
    Status status,
    String redemptionId,
    String couponCode,
    String rewardName,
    BigDecimal discountAmount,
    long pointsSpent,
    long balanceAfter) {

  public enum Status {
    RESERVED,
    REWARD_NOT_FOUND,
    INSUFFICIENT_POINTS,
    /**
     * A privacy redaction erased this customer id: nothing was written, and nothing ever will be
     * under it (SPEC §9).
     */
    CUSTOMER_ERASED
  }

  public static Reservation refused(
      Status status, String redemptionId, long pointsCost, long balance) {
    return new Reservation(status, redemptionId, null, null, null, pointsCost, balance);
  }
}
