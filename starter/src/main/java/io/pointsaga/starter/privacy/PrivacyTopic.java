package io.pointsaga.starter.privacy;

import java.util.Arrays;
import java.util.Optional;

/** Shopify's mandatory compliance webhook topics. */
enum PrivacyTopic {
  CUSTOMERS_DATA_REQUEST("customers/data_request"),
  CUSTOMERS_REDACT("customers/redact"),
  SHOP_REDACT("shop/redact");

  private final String topic;

  PrivacyTopic(String topic) {
    this.topic = topic;
  }

  String topic() {
    return topic;
  }

  static Optional<PrivacyTopic> of(String topic) {
    return Arrays.stream(values()).filter(t -> t.topic.equals(topic)).findFirst();
  }
}
