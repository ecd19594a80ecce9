package io.pointsaga.order;

import java.math.BigDecimal;

/**
 * One line item of an order as the ledger keeps it, so refunds can be checked against it.
 *
 * @param amountBeforeDiscounts price x quantity: the most a refund may give back for the line
 *     (Shopify's refund subtotals are net of the line's own allocations, but an order-level
 *     discount may be taken back from other lines, as in seed 004); null while the payment is not
 *     known (a refund arrived first)
 * @param amountAfterDiscounts what the line counts toward the effective spend; null until paid
 * @param amountRefunded what the platform refunded of the line so far (store credit included)
 * @param quantity the units the line was paid with; null when not known
 * @param quantityEdited units order edits added (positive) or removed (negative) since; an edit
 *     that arrived before the payment is kept here and counts when the payment arrives
 */
public record OrderLineState(
    String lineItemId,
    BigDecimal amountBeforeDiscounts,
    BigDecimal amountAfterDiscounts,
    BigDecimal amountRefunded,
    Integer quantity,
    int quantityEdited) {
  public OrderLineState {
    amountRefunded = amountRefunded == null ? BigDecimal.ZERO : amountRefunded;
  }

  /** A line whose quantity is not known and that no edit changed. */
  public OrderLineState(
      String lineItemId,
      BigDecimal amountBeforeDiscounts,
      BigDecimal amountAfterDiscounts,
      BigDecimal amountRefunded) {
    this(lineItemId, amountBeforeDiscounts, amountAfterDiscounts, amountRefunded, null, 0);
  }

  /** The units on the order now, edits counted; null when the paid quantity is not known. */
  public Integer quantityNow() {
    return quantity == null ? null : Math.max(0, quantity + quantityEdited);
  }

  /** The order was paid with this line. */
  public boolean onOrder() {
    return amountBeforeDiscounts != null;
  }

  /** Refunded beyond the line's price (all of it when the order has no such line). */
  public BigDecimal amountRefundedBeyondPrice() {
    BigDecimal price = amountBeforeDiscounts == null ? BigDecimal.ZERO : amountBeforeDiscounts;
    return amountRefunded.subtract(price).max(BigDecimal.ZERO);
  }
}
