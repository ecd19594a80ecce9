package io.pointsaga.ledger;

import java.time.Instant;

/** One line of an activity feed: a ledger entry (points and balance set) or a note (both null). */
public record ActivityItem(
    String kind,
    Long points,
    Long balanceAfter,
    String note,
    Instant createdAt,
    String customerId,
    String redemptionId,
    String orderId) {}
