package io.pointsaga.local.sandbox;

import io.pointsaga.starter.install.ShopifyShopAddresses;
import io.pointsaga.starter.webhook.WebhookAddresses;
import java.util.Locale;
import java.util.Optional;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The embedded mode's Shopify shops for the OAuth install (SPEC §9): a shop of the simulated
 * platform lives at {@code {public URL}/sandbox/shops/{shop}} (the node's own address, as the
 * platform reaches it); any other domain as in production ({@code https://{name}.myshopify.com}).
 * Declared by the embedded mode ({@code EmbeddedShopifyApp}), not scanned with the sandbox: the
 * sandbox also runs alone, as the separate platform process of the tests, without the starter.
 */
public class SandboxShopifyAddresses implements ShopifyShopAddresses {
  private final SimulatedPlatform platform;
  private final ShopifyShopAddresses production;
  private final WebhookAddresses node;

  public SandboxShopifyAddresses(
      SimulatedPlatform platform, ShopifyShopAddresses myshopifyAddresses, WebhookAddresses node) {
    this.platform = platform;
    this.node = node;
    this.production = myshopifyAddresses;
  }

  @Override
  public Optional<String> apiBaseUrl(String shopDomain) {
    if (shopDomain != null && known(shopDomain)) {
      return Optional.of(
          UriComponentsBuilder.fromUriString(node.publicUrl())
              .path("/sandbox/shops/{shop}")
              .buildAndExpand(shopDomain.strip().toLowerCase(Locale.ROOT))
              .toUriString());
    }
    return production.apiBaseUrl(shopDomain);
  }

  private boolean known(String shopDomain) {
    try {
      platform.shop(shopDomain);
      return true;
    } catch (UnknownShopException e) {
      return false;
    }
  }
}
