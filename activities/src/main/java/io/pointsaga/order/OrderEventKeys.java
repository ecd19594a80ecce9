package io.pointsaga.order;

/**
 * The two keys of every order event, for whoever hands it to the order saga: the webhook intake and
 * reconciliation build them here, so that an event read from the platform and the same event
 * delivered by a webhook carry the same keys and whichever comes first applies. The event key is
 * unique within an order (the saga applies each once); the business key is unique within a shop and
 * platform (the inbox records each once).
 */
public final class OrderEventKeys {

  public static final String PAID_EVENT = "paid";
  public static final String CANCELLED_EVENT = "cancelled";

  /** The saga approved the order's pending points (once per order). */
  public static final String PENDING_APPROVED_EVENT = "pending-approved";

  private OrderEventKeys() {}

  public static String orderPaid(String orderId) {
    return "order:" + orderId + ":paid";
  }

  public static String orderCancelled(String orderId) {
    return "order:" + orderId + ":cancelled";
  }

  /** One event per update: Shopify sends orders/updated for every change of the order. */
  public static String orderUpdated(String orderId, String updatedAt) {
    return "order:" + orderId + ":updated:" + updatedAt;
  }

  public static String statusEvent(String financialStatus, String updatedAt) {
    return "status:" + financialStatus + ":" + updatedAt;
  }

  /** Both the event key and the business key of a Shopify refund. */
  public static String shopifyRefund(String refundId) {
    return "refund:" + refundId;
  }

  public static String bigCommerceStatusEvent(int statusId) {
    return "bc-status:" + statusId;
  }

  public static String bigCommerceOrderStatus(String orderId, int statusId) {
    return "order:" + orderId + ":status:" + statusId;
  }

  /** Both the event key and the business key of a BigCommerce refund. */
  public static String bigCommerceRefund(String refundId) {
    return "refund:bc-" + refundId;
  }

  /** The event key of a Shopify order edit. */
  public static String orderEditEvent(String editId) {
    return "edit:" + editId;
  }

  /** The business key of a Shopify order edit. */
  public static String orderEdited(String orderId, String editId) {
    return "order:" + orderId + ":edit:" + editId;
  }

  /** The event key of any refund whose id is already ours ({@code 123} or {@code bc-123}). */
  public static String refund(String refundId) {
    return "refund:" + refundId;
  }
}
