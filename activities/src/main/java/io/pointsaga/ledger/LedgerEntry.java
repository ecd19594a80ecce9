package io.pointsaga.ledger;

import java.time.Instant;

/** One immutable row of the ledger. */
public record LedgerEntry(
    long id,
    long shopId,
    String customerId,
    long points,
    EntryKind kind,
    String orderRef,
    String refundRef,
    String redemptionRef,
    String idempotencyKey,
    long balanceAfter,
    Instant expiresAt,
    String note,
    Instant createdAt) {}
