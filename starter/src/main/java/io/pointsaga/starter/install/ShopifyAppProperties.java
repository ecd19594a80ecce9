package io.pointsaga.starter.install;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The Shopify app PointSaga installs as (SPEC §9): {@code pointsaga.shopify.api-key} and {@code
 * api-secret} (env {@code SHOPIFY_API_KEY}, {@code SHOPIFY_API_SECRET}); without both, the OAuth
 * install endpoints answer 503. Secrets are left out of {@link #toString()}.
 *
 * @param scopes the access scopes asked for at install, comma-separated
 * @param stateTtl how long an install's state nonce may wait for the callback
 */
@ConfigurationProperties("pointsaga.shopify")
public record ShopifyAppProperties(
    String apiKey, String apiSecret, String scopes, Duration stateTtl) {

  static final String DEFAULT_SCOPES = "read_orders,read_customers,write_discounts,read_discounts";

  public ShopifyAppProperties {
    scopes = scopes == null || scopes.isBlank() ? DEFAULT_SCOPES : scopes.strip();
    stateTtl = stateTtl == null ? Duration.ofMinutes(10) : stateTtl;
  }

  public boolean configured() {
    return apiKey != null && !apiKey.isBlank() && apiSecret != null && !apiSecret.isBlank();
  }

  @Override
  public String toString() {
    return "ShopifyAppProperties[apiKey=" + apiKey + ", scopes=" + scopes + "]";
  }
}
