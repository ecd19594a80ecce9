package io.pointsaga.redemption;

/** A customer spends points on a reward; {@code redemptionId} is chosen by the caller. */
public record ReserveRedemption(
    String shopDomain, String customerId, long rewardId, String redemptionId) {}
