package io.pointsaga.starter.webhook;

/**
 * The two keys of every delivery, built in one place. The event key is unique within an order (the
 * saga applies each once); the business key is unique within a shop and platform (the inbox records
 * each once, so a redelivery under a new delivery id is still a duplicate).
 */
final class WebhookKeys {

  static final String PAID_EVENT = "paid";
  static final String CANCELLED_EVENT = "cancelled";

  private WebhookKeys() {}

  static String orderPaid(String orderId) {
    return "order:" + orderId + ":paid";
  }

  static String orderCancelled(String orderId) {
    return "order:" + orderId + ":cancelled";
  }

  /** One event per update: Shopify sends orders/updated for every change of the order. */
  static String orderUpdated(String orderId, String updatedAt) {
    return "order:" + orderId + ":updated:" + updatedAt;
  }

  static String statusEvent(String financialStatus, String updatedAt) {
    return "status:" + financialStatus + ":" + updatedAt;
  }

  /** Both the event key and the business key of a Shopify refund. */
  static String shopifyRefund(String refundId) {
    return "refund:" + refundId;
  }

  /** The business key of a rejected delivery: it is never an order event. */
  static String rejected(String topic, String deliveryKey) {
    return "rejected:" + topic + ":" + deliveryKey;
  }

  static String bigCommerceStatusEvent(int statusId) {
    return "bc-status:" + statusId;
  }

  static String bigCommerceOrderStatus(String orderId, int statusId) {
    return "order:" + orderId + ":status:" + statusId;
  }

  /** Both the event key and the business key of a BigCommerce refund. */
  static String bigCommerceRefund(String refundId) {
    return "refund:bc-" + refundId;
  }
}
