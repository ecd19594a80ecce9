package io.pointsaga.redemption;

import java.time.Instant;

/**
 * A redemption as the cancellation saga sees it when it starts.
 *
 * @param refundedAt set exactly when the redemption's points have been given back (by a
 *     cancellation, a failed coupon creation or a full refund of the order it was used on)
 */
public record RedemptionSnapshot(
    String redemptionId,
    String customerId,
    RedemptionStatus status,
    String couponCode,
    String rewardName,
    long pointsSpent,
    boolean rewardExists,
    Instant refundedAt) {}
