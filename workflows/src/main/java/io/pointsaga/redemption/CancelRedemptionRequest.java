package io.pointsaga.redemption;

/**
 * @param refundPointsAnyway the admin's confirmation to refund the points when the coupon cannot be
 *     revoked (reward missing, used or untracked)
 */
public record CancelRedemptionRequest(
    String shopDomain, String redemptionId, boolean refundPointsAnyway) {}
