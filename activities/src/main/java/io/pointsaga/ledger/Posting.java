package io.pointsaga.ledger;

import java.time.Instant;
import java.util.Objects;

/**
 * A change of one customer's balance, as the caller asks for it.
 *
 * @param idempotencyKey derived from the business event (e.g. {@code redemption:R1:refund}); a
 *     repeat with the same key returns the first entry and changes nothing
 * @param expiresAt when the added points expire; null for postings that remove points
 */
public record Posting(
    long shopId,
    String customerId,
    long points,
    EntryKind kind,
    String idempotencyKey,
    String note,
    References references,
    Instant expiresAt,
    BalanceRule balanceRule) {

  public Posting {
    Objects.requireNonNull(customerId, "customerId");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    Objects.requireNonNull(note, "note");
    references = references == null ? References.NONE : references;
    balanceRule = balanceRule == null ? BalanceRule.ALLOW_NEGATIVE : balanceRule;
    if (idempotencyKey.isBlank()) {
      throw new IllegalArgumentException("idempotencyKey must not be blank");
    }
  }

  /** The business objects an entry is about. */
  public record References(String orderRef, String refundRef, String redemptionRef) {
    public static final References NONE = new References(null, null, null);

    public static References redemption(String redemptionId) {
      return new References(null, null, redemptionId);
    }
  }
}
