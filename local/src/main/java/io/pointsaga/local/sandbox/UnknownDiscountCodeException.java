package io.pointsaga.local.sandbox;

import org.springframework.http.HttpStatus;

class UnknownDiscountCodeException extends SandboxRequestException {

  UnknownDiscountCodeException(String shopDomain, String code) {
    super(
        HttpStatus.NOT_FOUND,
        "discount_code_not_found",
        "Shop '" + shopDomain + "' has no discount code '" + code + "'");
  }
}
