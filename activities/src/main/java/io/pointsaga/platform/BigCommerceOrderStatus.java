package io.pointsaga.platform;

import io.pointsaga.order.OrderEventKind;

/**
 * What a BigCommerce order status id means for points. BigCommerce has no financial status of its
 * own; the status id stands for it.
 */
enum BigCommerceOrderStatus {
  /**
   * 11 Awaiting Fulfillment, 10 Completed, 2 Shipped, 3 Partially Shipped, 8 Awaiting Pickup, 9
   * Awaiting Shipment.
   */
  PAID(OrderEventKind.PAID, "paid", false),
  /** 4 Refunded. */
  REFUNDED(OrderEventKind.STATUS_CHANGED, "refunded", true),
  /** 14 Partially Refunded. */
  PARTIALLY_REFUNDED(OrderEventKind.STATUS_CHANGED, "partially_refunded", true),
  /**
   * 5 Cancelled. Shopify's "voided" is a payment state BigCommerce does not report, so the
   * financial status says "cancelled"; the refunds are included, as Shopify's cancelled order has
   * them.
   */
  CANCELLED(OrderEventKind.CANCELLED, "cancelled", true),
  /** Anything else (Pending, Awaiting Payment, Declined, Disputed...): changes no points. */
  OTHER(OrderEventKind.STATUS_CHANGED, null, false);

  private final OrderEventKind kind;
  private final String financialStatus;
  private final boolean withRefunds;

  BigCommerceOrderStatus(OrderEventKind kind, String financialStatus, boolean withRefunds) {
    this.kind = kind;
    this.financialStatus = financialStatus;
    this.withRefunds = withRefunds;
  }

  static BigCommerceOrderStatus of(int statusId) {
    return switch (statusId) {
      case 2, 3, 8, 9, 10, 11 -> PAID;
      case 4 -> REFUNDED;
      case 14 -> PARTIALLY_REFUNDED;
      case 5 -> CANCELLED;
      default -> OTHER;
    };
  }

  OrderEventKind kind() {
    return kind;
  }

  /** The platform-neutral financial status; {@code bc-status-{id}} for the statuses with none. */
  String financialStatus(int statusId) {
    return financialStatus != null ? financialStatus : "bc-status-" + statusId;
  }

  /** Whether the snapshot carries the order's refunds (fetched with one more call). */
  boolean withRefunds() {
    return withRefunds;
  }
}
