package io.pointsaga.ledger;

/**
 * Told of every posting the ledger applied (not of a repeated idempotency key, which changes
 * nothing), inside the posting's transaction: an observer that acts outside the database waits for
 * the commit.
 */
public interface PostingObserver {
  void applied(LedgerEntry entry);
}
