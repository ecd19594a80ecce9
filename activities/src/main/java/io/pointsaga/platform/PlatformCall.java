package io.pointsaga.platform;

/**
 * One operation on one shop's platform, as named in failure messages. Holds no credentials, so it
 * is safe to print.
 *
 * @param action what was attempted: "create", "look up", "revoke", "fetch"
 * @param code the discount code, or the id of whatever {@code subject} names
 * @param subject what the operation is on: "discount code" (the default), "order", "refund"
 * @param tokenScope what the shop's access token must be allowed to do for this operation, as told
 *     to an admin when the platform rejects it
 */
record PlatformCall(
    PlatformKind platform,
    String shopDomain,
    String action,
    String code,
    String subject,
    String tokenScope) {

  static final String DISCOUNT_CODE = "discount code";
  static final String MANAGE_DISCOUNTS = "manage discounts";

  /** A call on a discount code. */
  PlatformCall(PlatformKind platform, String shopDomain, String action, String code) {
    this(platform, shopDomain, action, code, DISCOUNT_CODE, MANAGE_DISCOUNTS);
  }

  static PlatformCall of(PlatformAccount account, String action, String code) {
    return new PlatformCall(account.platform(), account.shopDomain(), action, code);
  }

  /** A call on something other than a discount code, e.g. {@code "fetch", "order", "250"}. */
  static PlatformCall of(
      PlatformAccount account, String action, String subject, String id, String tokenScope) {
    return new PlatformCall(
        account.platform(), account.shopDomain(), action, id, subject, tokenScope);
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

  /** For example "revoke discount code RWD-1" or "fetch order 250". */
  String operation() {
    return action + " " + subject + " " + code;
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
