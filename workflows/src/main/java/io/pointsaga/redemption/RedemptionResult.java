package io.pointsaga.redemption;

/** How a redemption ended, with what the admin or customer needs to know. */
public record RedemptionResult(
    RedemptionOutcome outcome,
    String redemptionId,
    String couponCode,
    long pointsSpent,
    long balanceAfter,
    String message) {

  public enum RedemptionOutcome {
    /** Points debited and the coupon exists on the platform. */
    ISSUED,
    /** The reward does not exist (or was deleted); nothing changed. */
    REWARD_NOT_FOUND,
    /** The customer lacks the points; nothing changed. */
    INSUFFICIENT_POINTS,
    /** The platform would not create the coupon; the points were given back with a note. */
    COUPON_FAILED
  }
}
