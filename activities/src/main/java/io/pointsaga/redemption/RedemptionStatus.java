package io.pointsaga.redemption;

public enum RedemptionStatus {
  /** Points debited, coupon being created. */
  PENDING,
  /** The coupon exists on the platform. */
  ISSUED,
  /** The coupon could not be created; the points were given back. */
  FAILED,
  /** The points were given back (cancellation, or a full refund of the order it was used on). */
  REFUNDED,
  /** A saga step failed for good half-way; an operator has to look (see the notes). */
  NEEDS_FOLLOW_UP
}
