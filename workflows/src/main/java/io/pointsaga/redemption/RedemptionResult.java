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
    /**
     * A privacy redaction erased the customer id (SPEC §9) before the points were reserved: nothing
     * was written.
     */
    CUSTOMER_ERASED,
    /**
     * No coupon was issued: the platform would not create it, or a step failed for good. The coupon
     * was revoked if it may exist, any points debited were given back, and the redemption ended
     * FAILED with a note (NEEDS_FOLLOW_UP if a compensation could not be completed; the message
     * says so).
     */
    COUPON_FAILED
  }
}
