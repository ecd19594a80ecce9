package io.pointsaga.starter.webhook;

import io.pointsaga.order.OrderEventKeys;

/**
 * The two keys of every delivery, built by {@link OrderEventKeys} (shared with reconciliation). The
 * event key is unique within an order (the saga applies each once); the business key is unique
 * within a shop and platform (the inbox records each once, so a redelivery under a new delivery id
 * is still a duplicate).
 */
final class WebhookKeys {

  static final String PAID_EVENT = OrderEventKeys.PAID_EVENT;
  static final String CANCELLED_EVENT = OrderEventKeys.CANCELLED_EVENT;

  private WebhookKeys() {}

  static String orderPaid(String orderId) {
    return OrderEventKeys.orderPaid(orderId);
  }

  static String orderCancelled(String orderId) {
    return OrderEventKeys.orderCancelled(orderId);
  }

  static String orderUpdated(String orderId, String updatedAt) {
    return OrderEventKeys.orderUpdated(orderId, updatedAt);
  }

  static String statusEvent(String financialStatus, String updatedAt) {
    return OrderEventKeys.statusEvent(financialStatus, updatedAt);
  }

  static String orderEditEvent(String editId) {
    return OrderEventKeys.orderEditEvent(editId);
  }

  static String orderEdited(String orderId, String editId) {
    return OrderEventKeys.orderEdited(orderId, editId);
  }

  static String shopifyRefund(String refundId) {
    return OrderEventKeys.shopifyRefund(refundId);
  }

  /** The business key of a rejected delivery: it is never an order event. */
  static String rejected(String topic, String deliveryKey) {
    return "rejected:" + topic + ":" + deliveryKey;
  }

  static String bigCommerceStatusEvent(int statusId) {
    return OrderEventKeys.bigCommerceStatusEvent(statusId);
  }

  static String bigCommerceOrderStatus(String orderId, int statusId) {
    return OrderEventKeys.bigCommerceOrderStatus(orderId, statusId);
  }

  static String bigCommerceRefund(String refundId) {
    return OrderEventKeys.bigCommerceRefund(refundId);
  }
}
