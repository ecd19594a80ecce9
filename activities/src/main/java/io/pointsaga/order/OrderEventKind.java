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
  BIGCOMMERCE_REFUND_CREATED,
  /** Shopify orders/edited: line items added, removed or their quantities changed. */
  ORDER_EDITED,
  /** Not from the platform: the order's pending period passed (the saga's own timer). */
  PENDING_PERIOD_ENDED
}
