package io.pointsaga.redemption;

import java.time.Instant;

/**
 * The result of {@link RedemptionActivities#refundPoints}.
 *
 * @param refundedNow false when the redemption had been refunded before; {@code refundedAt} is then
 *     the date of that earlier refund
 */
public record PointsRefund(boolean refundedNow, long pointsRefunded, Instant refundedAt, Long balanceAfter) {}
