package io.pointsaga.redemption;

import java.time.Instant;

/**
 * @param pointsRefunded points given back by this cancellation (0 when nothing changed)
 * @param refundedAt when the redemption was refunded, by this or an earlier refund
 */
public record CancellationResult(
    String redemptionId,
    CancellationOutcome outcome,
    String message,
    long pointsRefunded,
    Instant refundedAt) {}
