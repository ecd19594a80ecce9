package io.pointsaga.platform;

/**
 * How to reach one shop's platform API.
 *
 * @param apiBaseUrl Shopify: {@code https://{shop}.myshopify.com}; BigCommerce: {@code
 *     https://api.bigcommerce.com/stores/{store_hash}}; the simulated platform: {@code
 *     http://127.0.0.1:{port}/sandbox/shops/{shop}}
 * @param installed false once the merchant uninstalled the app: the adapters then refuse to call
 *     the platform for the shop
 */
public record PlatformAccount(
    String shopDomain,
    PlatformKind platform,
    String apiBaseUrl,
    String accessToken,
    boolean installed) {

  /** The account of an installed shop. */
  public PlatformAccount(
      String shopDomain, PlatformKind platform, String apiBaseUrl, String accessToken) {
    this(shopDomain, platform, apiBaseUrl, accessToken, true);
  }

  @Override
  public String toString() {
    return "PlatformAccount[" + shopDomain + " on " + platform + "]"; // never print the token
  }
}
