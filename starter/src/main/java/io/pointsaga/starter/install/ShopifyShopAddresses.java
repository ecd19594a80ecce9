package io.pointsaga.starter.install;

import java.util.Optional;

/**
 * Which shop domains may start a Shopify OAuth install, and the base URL of their Admin API and
 * OAuth endpoints. Production: {@code https://{shop}} for a {@code *.myshopify.com} domain; the
 * embedded mode adds the simulated platform's shops.
 */
public interface ShopifyShopAddresses {
  /** The shop's base URL, or empty when the domain is not a Shopify shop this node may reach. */
  Optional<String> apiBaseUrl(String shopDomain);
}
