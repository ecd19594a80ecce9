package io.pointsaga.order;

/**
 * One webhook delivery's meaning, after its signature was checked and it was recorded in the inbox.
 * The order saga applies events one at a time, each once, by {@code eventKey}.
 *
 * @param eventKey the business key: {@code paid}, {@code refund:{id}}, {@code status:{status}},
 *     {@code cancelled}, ... unique within the order
 * @param order the order, for PAID, STATUS_CHANGED and CANCELLED (Shopify sends the whole order)
 * @param refund the refund, for REFUND_CREATED
 * @param platformRefundId BigCommerce: the refund id to fetch
 * @param platformStatusId BigCommerce: the new status id (4 Refunded, 5 Cancelled, 14 Partially
 *     Refunded, 11 Awaiting Fulfillment / 10 Completed count as paid)
 * @param edit the edit, for ORDER_EDITED
 */
public record OrderEvent(
    long inboxId,
    OrderEventKind kind,
    String eventKey,
    String shopDomain,
    String orderId,
    OrderSnapshot order,
    RefundSnapshot refund,
    String platformRefundId,
    Integer platformStatusId,
    OrderEdit edit) {

  /** An event that is no order edit. */
  public OrderEvent(
      long inboxId,
      OrderEventKind kind,
      String eventKey,
      String shopDomain,
      String orderId,
      OrderSnapshot order,
      RefundSnapshot refund,
      String platformRefundId,
      Integer platformStatusId) {
    this(
        inboxId,
        kind,
        eventKey,
        shopDomain,
        orderId,
        order,
        refund,
        platformRefundId,
        platformStatusId,
        null);
  }

  /** The order's pending period has passed: the saga approves its pending points. */
  public static OrderEvent pendingPeriodEnded(String shopDomain, String orderId) {
    return new OrderEvent(
        0,
        OrderEventKind.PENDING_PERIOD_ENDED,
        OrderEventKeys.PENDING_APPROVED_EVENT,
        shopDomain,
        orderId,
        null,
        null,
        null,
        null);
  }
}
