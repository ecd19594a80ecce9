package io.pointsaga.platform;

/**
 * Where a platform delivers a shop's webhooks, and what proves a delivery comes from it.
 *
 * @param address the callback URL, e.g. {@code https://points.example.com/webhooks/shopify}
 * @param webhookSecret Shopify signs with its app secret; BigCommerce sends this secret back in the
 *     {@code X-PointSaga-Webhook-Secret} header set on each hook
 */
public record WebhookEndpoint(String address, String webhookSecret) {
  @Override
  public String toString() {
    return "WebhookEndpoint[" + address + "]"; // never print the secret
  }
}
