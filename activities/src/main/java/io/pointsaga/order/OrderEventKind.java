package io.pointsaga.order;

/** What a webhook delivery tells about an order. */
public enum OrderEventKind {
  /** Shopify orders/paid: earn points. */
  PAID,
  /** Shopify refunds/create: a (partial) refund. */
  REFUND_CREATED,
  /** Shopify orders/updated: a financial status change; may carry refunds. */
  STATUS_CHANGED,
  /** Shopify orders/cancelled. */
  CANCELLED,
  /** BigCommerce store/order/statusUpdated: ids only, details fetched from the API. */
  BIGCOMMERCE_STATUS_CHANGED,
  /** BigCommerce store/order/refund/created: ids only, details fetched from the API. */
  BIGCOMMERCE_REFUND_CREATED
}
