package io.pointsaga.starter.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.regex.Pattern;

/**
 * Names the business object of a rejected delivery for the attention queue (SPEC §11), e.g. {@code
 * refund 567 of order 1234}, from whatever ids in the payload are readable; never more.
 */
final class RejectedDelivery {
  private static final Pattern ID = Pattern.compile("[0-9]{1,40}");

  private RejectedDelivery() {}

  /** The order id, when the payload has a readable one. */
  static String orderId(String platform, String topic, JsonNode payload) {
    if (payload == null) {
      return null;
    }
    if ("BIGCOMMERCE".equals(platform)) {
      return id(payload.path("data").path("id"));
    }
    return ShopifyWebhookParser.REFUNDS_CREATE.equals(topic)
        ? id(payload.path("order_id"))
        : id(payload.path("id"));
  }

  /** What a person reads about a rejected delivery. */
  static String problem(String reason) {
    return "The delivery was signed but is not valid, so it was not applied and no points changed: "
        + reason;
  }

  static String subject(String platform, String topic, JsonNode payload, String deliveryKey) {
    String platformName = "BIGCOMMERCE".equals(platform) ? "BigCommerce" : "Shopify";
    String orderId = orderId(platform, topic, payload);
    if (orderId != null
        && ShopifyWebhookParser.REFUNDS_CREATE.equals(topic)
        && id(payload.path("id")) != null) {
      return "refund %s of order %s".formatted(id(payload.path("id")), orderId);
    }
    if (orderId != null) {
      return "order %s (%s %s delivery)".formatted(orderId, platformName, topic);
    }
    return "%s %s delivery %s".formatted(platformName, topic, deliveryKey);
  }

  private static String id(JsonNode node) {
    if (node.isIntegralNumber() && node.bigIntegerValue().signum() > 0) {
      return node.bigIntegerValue().toString();
    }
    if (node.isTextual() && ID.matcher(node.textValue()).matches()) {
      return node.textValue();
    }
    return null;
  }
}
