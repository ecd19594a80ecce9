package io.pointsaga.ledger;

import java.time.Instant;

/** A customer as the ledger knows them: the cached balance equals the sum of their entries. */
public record CustomerAccount(
    long shopId, String customerId, long pointsBalance, String vipTier, Instant createdAt) {}
