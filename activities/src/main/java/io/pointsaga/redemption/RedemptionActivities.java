package io.pointsaga.redemption;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * The ledger side of the redemption sagas. Every method is keyed by the redemption id and safe to
 * repeat: a repeat returns what the first call did and changes nothing.
 */
@ActivityInterface
public interface RedemptionActivities {

  /**
   * Records the redemption (status PENDING, with its coupon code) and debits the reward's cost, in
   * one transaction. Refuses without changing anything when the reward does not exist or the
   * customer lacks the points.
   */
  @ActivityMethod
  Reservation reserve(ReserveRedemption command);

  /** The coupon exists on the platform: the redemption becomes ISSUED. */
  @ActivityMethod
  void markIssued(String redemptionId, String platformDiscountId);

  /**
   * Compensation of {@link #reserve}: gives the debited points back with a note and marks the
   * redemption FAILED (PENDING or ISSUED before; a redemption flagged for follow-up keeps that
   * status). Does nothing when nothing was debited or the points came back already.
   */
  @ActivityMethod
  void reverseReservation(String redemptionId, String reason);

  /**
   * Ends a redemption whose saga failed for good as FAILED, with a note in the customer's and the
   * shop's activity: gives the debited points back if {@link #reserve} committed (and they are not
   * back yet), and works as well when the reserve never wrote anything (then only the note is
   * written). Safe to repeat.
   */
  @ActivityMethod
  void markFailed(ReserveRedemption request, String reason);

  /** The redemption as the cancellation saga needs it; fails (non-retryable) if it is unknown. */
  @ActivityMethod
  RedemptionSnapshot load(String shopDomain, String redemptionId);

  /**
   * Gives the redemption's points back, marks it REFUNDED and writes the notes, in one transaction.
   * A redemption refunded before (by any path) is left as it is.
   */
  @ActivityMethod
  PointsRefund refundPoints(String shopDomain, String redemptionId, RefundReason reason);

  /**
   * Compensation when a later step failed for good after the coupon was revoked: the redemption is
   * flagged NEEDS_FOLLOW_UP with a note, never left silently half-done.
   */
  @ActivityMethod
  void flagForFollowUp(String shopDomain, String redemptionId, String problem);

  /**
   * A cancellation ended PLATFORM_FAILED: keeps the redemption in the shop's attention queue (SPEC
   * §11), once; again after a retry from the queue that failed again. Changes nothing else.
   */
  @ActivityMethod
  void keepPlatformFailure(String shopDomain, String redemptionId, String problem);
}
