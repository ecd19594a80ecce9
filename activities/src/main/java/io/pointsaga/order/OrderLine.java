package io.pointsaga.order;

import java.math.BigDecimal;

/**
 * One line of an order as the points arithmetic sees it.
 *
 * @param amountAfterDiscounts price x quantity minus the line's discount allocations, without
 *     shipping, taxes and tips (SPEC §3), in the shop's currency
 * @param amountBeforeDiscounts price x quantity: what refunds of the line may add up to at most;
 *     null when the platform did not say (then the amount after discounts is the limit)
 * @param quantity how many units the line was bought with; null when the platform did not say (then
 *     order edits cannot price the line's units)
 */
public record OrderLine(
    String lineItemId,
    BigDecimal amountAfterDiscounts,
    BigDecimal amountBeforeDiscounts,
    Integer quantity) {

  public OrderLine {
    amountBeforeDiscounts =
        amountBeforeDiscounts == null ? amountAfterDiscounts : amountBeforeDiscounts;
  }

  /** A line whose quantity is not known. */
  public OrderLine(
      String lineItemId, BigDecimal amountAfterDiscounts, BigDecimal amountBeforeDiscounts) {
    this(lineItemId, amountAfterDiscounts, amountBeforeDiscounts, null);
  }

  /** A line whose price before discounts is not known. */
  public OrderLine(String lineItemId, BigDecimal amountAfterDiscounts) {
    this(lineItemId, amountAfterDiscounts, null, null);
  }
}
