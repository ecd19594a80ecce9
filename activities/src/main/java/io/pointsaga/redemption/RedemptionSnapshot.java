package io.pointsaga.redemption;

import java.time.Instant;

/** A redemption as the cancellation saga sees it when it starts. */
public record RedemptionSnapshot(
    String redemptionId,
    String customerId,
    RedemptionStatus status,
    String couponCode,
    String rewardName,
    long pointsSpent,
    boolean rewardExists,
    Instant refundedAt) {}
