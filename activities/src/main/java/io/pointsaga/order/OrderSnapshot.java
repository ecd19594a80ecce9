package io.pointsaga.order;

import java.math.BigDecimal;
import java.util.List;

/**
 * An order as the platform reported it, in platform-neutral terms.
 *
 * @param financialStatus Shopify's financial_status (paid, partially_refunded, refunded, voided...)
 * @param discountCodes codes used at checkout: a redeemed reward's coupon is one of them
 * @param refunds refunds the platform included with the order (Shopify's Order resource has them)
 * @param shippingTotal shipping charged on the order: it never earns points, but an order whose
 *     shipping was not refunded is only partially refunded (seed 004)
 */
public record OrderSnapshot(
    String orderId,
    String customerId,
    String currency,
    List<OrderLine> lines,
    List<String> discountCodes,
    String financialStatus,
    boolean cancelled,
    List<RefundSnapshot> refunds,
    BigDecimal shippingTotal) {

  public OrderSnapshot {
    shippingTotal = shippingTotal == null ? new BigDecimal("0.00") : shippingTotal;
  }

  /** An order whose shipping is unknown or free. */
  public OrderSnapshot(
      String orderId,
      String customerId,
      String currency,
      List<OrderLine> lines,
      List<String> discountCodes,
      String financialStatus,
      boolean cancelled,
      List<RefundSnapshot> refunds) {
    this(
        orderId,
        customerId,
        currency,
        lines,
        discountCodes,
        financialStatus,
        cancelled,
        refunds,
        null);
  }
}
