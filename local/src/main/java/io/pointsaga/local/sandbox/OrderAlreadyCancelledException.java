package io.pointsaga.local.sandbox;

import org.springframework.http.HttpStatus;

/** Shopify refuses to cancel an order twice. */
class OrderAlreadyCancelledException extends SandboxRequestException {

  OrderAlreadyCancelledException(String shopDomain, long orderId) {
    super(
        HttpStatus.CONFLICT,
        "order_already_cancelled",
        "Order " + orderId + " of shop " + shopDomain + " is cancelled already");
  }
}
