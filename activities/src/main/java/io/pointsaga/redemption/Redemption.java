package io.pointsaga.redemption;

import java.math.BigDecimal;
import java.time.Instant;

/** A stored redemption: points spent on a reward, and the coupon code it produced. */
public record Redemption(
    String id,
    long shopId,
    String customerId,
    long rewardId,
    String rewardName,
    BigDecimal discountAmount,
    long pointsSpent,
    String couponCode,
    String platformDiscountId,
    RedemptionStatus status,
    String statusReason,
    Instant createdAt,
    Instant issuedAt,
    Instant refundedAt) {}
