package io.pointsaga.local.sandbox;

import org.springframework.http.HttpStatus;

/** No order with that id on the simulated shop. */
class UnknownOrderException extends SandboxRequestException {

  UnknownOrderException(String shopDomain, long orderId) {
    super(
        HttpStatus.NOT_FOUND,
        "order_not_found",
        "Shop "
            + shopDomain
            + " has no order "
            + orderId
            + ": use the orderId that POST /sandbox/shops/{shop}/orders answered");
  }
}
