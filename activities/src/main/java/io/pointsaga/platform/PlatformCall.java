package io.pointsaga.platform;

/**
 * One operation on one shop's platform, as named in failure messages. Holds no credentials, so it
 * is safe to print.
 *
 * @param action what was attempted: "create", "look up", "revoke"
 */
record PlatformCall(PlatformKind platform, String shopDomain, String action, String code) {

  static PlatformCall of(PlatformAccount account, String action, String code) {
    return new PlatformCall(account.platform(), account.shopDomain(), action, code);
  }

  String platformName() {
    if (platform == null) {
      return "The platform";
    }
    return switch (platform) {
      case SHOPIFY -> "Shopify";
      case BIGCOMMERCE -> "BigCommerce";
    };
  }

  /** For example "revoke discount code RWD-1". */
  String operation() {
    return action + " discount code " + code;
  }

  /** For example "revoke discount code RWD-1 for shop demo.myshopify.com". */
  String describe() {
    return operation() + " for shop " + shopDomain;
  }

  @Override
  public String toString() {
    return platformName() + ": " + describe();
  }
}
