package io.pointsaga.local.sandbox;

import org.springframework.http.HttpStatus;

/** A checkout refuses a code that was deactivated or deleted. */
class DiscountCodeNotUsableException extends SandboxRequestException {

  DiscountCodeNotUsableException(SimulatedDiscountCode discountCode) {
    super(
        HttpStatus.CONFLICT,
        "discount_code_not_usable",
        "Discount code '"
            + discountCode.code()
            + "' is "
            + discountCode.state()
            + " and a checkout would refuse it");
  }
}
