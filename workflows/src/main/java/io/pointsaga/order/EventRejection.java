package io.pointsaga.order;

import java.math.BigDecimal;

/**
 * Why an order event (or a part of it) was not applied: decided by {@link OrderPoints}, worded by
 * {@link OrderEventMessages}, kept in the attention queue by the saga. No points change for it.
 *
 * @param eventKey the event (or part of it) the rejection is about, unique within the order
 * @param refundId the refund concerned, if any
 * @param lineItemId the line item concerned, if any
 * @param amountPaid the line's price (MORE_THAN_PAID) or the order's effective spend
 *     (MORE_THAN_ORDER_PAID)
 * @param amountRefundedBefore what had been refunded of the line (or order) before
 * @param amount the amount refunded by the rejected refund, or the amount not counted
 */
public record EventRejection(
    String eventKey,
    Reason reason,
    String refundId,
    String lineItemId,
    BigDecimal amountPaid,
    BigDecimal amountRefundedBefore,
    BigDecimal amount) {

  public enum Reason {
    /** A refund of a line item the order does not have. */
    UNKNOWN_LINE_ITEM,
    /** A refund of more than a line item's price, counting earlier refunds of it. */
    MORE_THAN_PAID,
    /**
     * A refund that takes the order's refunds beyond what was paid for it (its effective spend).
     */
    MORE_THAN_ORDER_PAID,
    /**
     * Refunds that arrived before the payment named lines the order does not have or more than was
     * paid for them: that part is not counted when the payment arrives.
     */
    REFUNDED_BEFORE_PAYMENT_BEYOND_LINES,
    /** A BigCommerce event that was not fetched from the platform before it was decided. */
    NOT_RESOLVED,
    /** The amounts give a number of points beyond what the ledger keeps. */
    OUT_OF_RANGE,
    /** The event lacks what deciding it needs. */
    INVALID_EVENT,
    /**
     * An order edit removes units of a line the order does not have, more units than it has, or a
     * line whose units are not known: the edit is not applied.
     */
    EDIT_BEYOND_LINES,
    /**
     * An order edit adds a line the order did not have: the edit does not carry its price, so it
     * earns nothing until a person adjusts the points (the rest of the edit is applied).
     */
    EDIT_ADDITION_NOT_PRICED
  }

  static EventRejection of(String eventKey, Reason reason) {
    return new EventRejection(eventKey, reason, null, null, null, null, null);
  }

  /** The stable type under which the attention queue keeps it. */
  public String type() {
    return "OrderEvent." + reason.name();
  }
}
