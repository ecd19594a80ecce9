package io.pointsaga.order;

/**
 * What {@link OrderActivities#apply} did.
 *
 * @param appliedNow false when the event had been applied before (nothing changed this time)
 * @param pointsPosted points actually moved (less than asked when clamped at zero)
 * @param couponPointsRestored points given back for redeemed coupons used on the order
 */
public record AppliedChange(boolean appliedNow, long pointsPosted, long couponPointsRestored) {}
