package io.pointsaga.starter.webhook;

import java.util.Set;

/**
 * The topics a metric or a log line may name: those the product subscribes to. Anything else (an
 * unsigned request can send any header) is {@code other}, so that nobody outside can make the
 * series' cardinality grow.
 */
final class WebhookTopics {
  static final String NONE = "none";
  static final String OTHER = "other";

  private static final Set<String> SHOPIFY =
      Set.of(
          "orders/paid",
          "refunds/create",
          "orders/updated",
          "orders/cancelled",
          "orders/edited",
          "app/uninstalled",
          "customers/data_request",
          "customers/redact",
          "shop/redact");

  private static final Set<String> BIGCOMMERCE =
      Set.of("store/order/statusUpdated", "store/order/refund/created", "store/app/uninstalled");

  private WebhookTopics() {}

  static String shopify(String topic) {
    return known(SHOPIFY, topic);
  }

  static String bigCommerce(String scope) {
    return known(BIGCOMMERCE, scope);
  }

  private static String known(Set<String> topics, String topic) {
    if (topic == null || topic.isBlank()) {
      return NONE;
    }
    return topics.contains(topic) ? topic : OTHER;
  }
}
