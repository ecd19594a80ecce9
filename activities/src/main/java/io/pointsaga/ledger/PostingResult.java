package io.pointsaga.ledger;

/**
 * The entry a posting produced.
 *
 * @param applied false when the key had been applied before and {@code entry} is that first entry
 */
public record PostingResult(LedgerEntry entry, boolean applied) {}
