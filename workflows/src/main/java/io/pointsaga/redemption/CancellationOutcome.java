package io.pointsaga.redemption;

/** How a cancellation ended (SPEC §4); values are part of the REST contract. */
public enum CancellationOutcome {
  /** Cases 1 and 3: coupon revoked, points back, redemption refunded. */
  CANCELLED,
  /** Case 2: the reward definition no longer exists; nothing changed. */
  REWARD_MISSING,
  /** Case 4: the coupon was used; nothing changed. */
  REWARD_USED,
  /** Case 5: the platform does not know the coupon; nothing changed. */
  REWARD_UNTRACKED,
  /** Case 6: refunded before; nothing changed. */
  ALREADY_REFUNDED,
  /** Case 2 confirmed: points back, coupon left as it is. */
  POINTS_REFUNDED_REWARD_KEPT,
  /** Case 4 confirmed: points back, the discount is not undone. */
  POINTS_REFUNDED_REWARD_USED,
  /** Case 5 confirmed: points back, whether the coupon gets used is unknown. */
  POINTS_REFUNDED_REWARD_UNTRACKED,
  /** The redeem saga has not finished issuing the coupon yet; nothing changed. */
  REDEMPTION_PENDING,
  /**
   * The platform could not be asked or refused for good (e.g. bad credentials); nothing changed.
   */
  PLATFORM_FAILED,
  /** The coupon was revoked but the points could not be credited; flagged for follow-up. */
  NEEDS_FOLLOW_UP
}
