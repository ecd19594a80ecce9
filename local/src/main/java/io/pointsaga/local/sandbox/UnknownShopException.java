package io.pointsaga.local.sandbox;

import org.springframework.http.HttpStatus;

class UnknownShopException extends SandboxRequestException {

  UnknownShopException(String shopDomain) {
    super(
        HttpStatus.NOT_FOUND,
        "shop_not_found",
        "No shop '" + shopDomain + "' is registered on the simulated platform");
  }
}
