package io.pointsaga.local;

import io.pointsaga.local.sandbox.SandboxShopifyAddresses;
import io.pointsaga.local.sandbox.SimulatedPlatform;
import io.pointsaga.starter.install.ShopifyShopAddresses;
import io.pointsaga.starter.webhook.WebhookAddresses;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/** In the embedded mode the Shopify OAuth install finds the simulated shops on this node. */
@Configuration
class EmbeddedShopifyApp {

  @Bean
  @Primary
  ShopifyShopAddresses sandboxShopifyAddresses(
      SimulatedPlatform platform,
      @Qualifier("myshopifyAddresses") ShopifyShopAddresses myshopifyAddresses,
      WebhookAddresses node) {
    return new SandboxShopifyAddresses(platform, myshopifyAddresses, node);
  }
}
