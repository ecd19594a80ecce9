package io.pointsaga.privacy;

import io.pointsaga.ledger.CustomerAccount;
import io.pointsaga.ledger.LedgerEntry;
import io.pointsaga.redemption.Redemption;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * Everything the shop holds about one customer (SPEC §9): the answer to a data request.
 *
 * @param profile null when only orders or notes name the customer (no points moved yet)
 * @param entries every ledger entry, oldest first
 */
public record CustomerExport(
    String customerId,
    Instant exportedAt,
    CustomerAccount profile,
    List<LedgerEntry> entries,
    List<Redemption> redemptions,
    List<ExportedOrder> orders,
    List<ExportedNote> notes) {

  /** An order as the ledger knows it: what it earned and what refunds left of it. */
  public record ExportedOrder(
      String orderId,
      String currency,
      BigDecimal effectiveSpend,
      BigDecimal refundedAmount,
      long pointsEarned,
      long pointsHeld,
      String status,
      List<String> discountCodes,
      Instant createdAt,
      Instant updatedAt) {}

  /** A note about the customer that moved no points. */
  public record ExportedNote(
      String kind, String message, String orderId, String redemptionId, Instant createdAt) {}

  /** Whether anything at all is held about the customer. */
  public boolean holdsAnything() {
    return profile != null || !orders.isEmpty() || !notes.isEmpty() || !redemptions.isEmpty();
  }
}
