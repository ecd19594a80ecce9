package io.pointsaga.order;

import io.pointsaga.ledger.EntryKind;

/**
 * What one business event does to an order: decided by the pure arithmetic in the workflow, applied
 * once by {@link OrderActivities#apply}.
 *
 * @param entryKind the ledger entry's kind; null when no points move
 * @param pointsDelta points to add (positive) or take (negative)
 * @param note why, in words, for the customer's and the shop's activity; null when nothing is worth
 *     saying
 * @param after the order once the event is applied
 * @param restoreCouponPoints the order was fully refunded and its redeemed coupons' points come
 *     back
 * @param clampToZero take no more than the customer's balance (negativeBalance CLAMP_TO_ZERO)
 * @param restoreCouponPointsInProportion restoreRedeemedPoints PROPORTIONAL: the order's redeemed
 *     coupons give back their points in proportion to the effective value refunded so far (of
 *     {@code after}), the part not given back before
 */
public record OrderChange(
    String eventKey,
    EntryKind entryKind,
    long pointsDelta,
    String note,
    OrderState after,
    boolean restoreCouponPoints,
    boolean clampToZero,
    boolean restoreCouponPointsInProportion) {

  /** A change that restores no coupon points in proportion. */
  public OrderChange(
      String eventKey,
      EntryKind entryKind,
      long pointsDelta,
      String note,
      OrderState after,
      boolean restoreCouponPoints,
      boolean clampToZero) {
    this(eventKey, entryKind, pointsDelta, note, after, restoreCouponPoints, clampToZero, false);
  }
}
