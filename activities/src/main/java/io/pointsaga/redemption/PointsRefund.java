package io.pointsaga.redemption;

import java.time.Instant;

/**
 * The result of {@link RedemptionActivities#refundPoints}.
 *
 * @param refundedNow true when this refund gave the points back (on its first call or a repeat of
 *     it); false when the redemption had been refunded by another path before, and {@code
 *     refundedAt} is then the date of that earlier refund
 */
public record PointsRefund(
    boolean refundedNow, long pointsRefunded, Instant refundedAt, Long balanceAfter) {}
