package io.pointsaga.platform;

/**
 * How to reach one shop's platform API.
 *
 * @param apiBaseUrl Shopify: {@code https://{shop}.myshopify.com}; BigCommerce: {@code
 *     https://api.bigcommerce.com/stores/{store_hash}}; the simulated platform: {@code
 *     http://127.0.0.1:{port}/sandbox/shops/{shop}}
 */
public record PlatformAccount(
    String shopDomain, PlatformKind platform, String apiBaseUrl, String accessToken) {}
