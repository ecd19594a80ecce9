package io.pointsaga.starter.web;

/**
 * The shapes of the API's path parameters, enforced on the handlers (a 400 naming the parameter)
 * and published in the OpenAPI document so that clients and fuzzers send realistic values.
 */
public final class PathPatterns {
  /** A shop's platform domain, e.g. {@code demo-shop.myshopify.com}. */
  public static final String SHOP = "^[A-Za-z0-9][A-Za-z0-9.-]{0,252}$";

  public static final String SHOP_EXAMPLE = "demo-shop.myshopify.com";

  /** The platform's own customer id (Shopify's numeric {@code customer.id}, as a string). */
  public static final String CUSTOMER_ID = "^[A-Za-z0-9_.:@-]{1,64}$";

  public static final String CUSTOMER_ID_EXAMPLE = "1001";

  public static final String CUSTOMER_ID_RULE =
      "must be the platform's customer id: letters, digits and '_.:@-', 1 to 64 characters";

  /** A redemption id as the API hands them out, e.g. {@code rdm_k3m9p2q8r4s7}. */
  public static final String REDEMPTION_ID = "^rdm_[A-Za-z0-9_]{1,60}$";

  public static final String REDEMPTION_ID_EXAMPLE = "rdm_k3m9p2q8r4s7";

  private PathPatterns() {}
}
