package io.pointsaga.starter.webhook;

import java.util.Collection;

/**
 * A webhook topic (Shopify) or scope (BigCommerce) that the order saga does not handle. Usually a
 * subscription that should not exist; the message lists the ones we handle.
 */
public final class UnsupportedTopicException extends RuntimeException {

  private final String topic;

  /**
   * @param kind what the platform calls it, e.g. {@code Shopify topic}, {@code BigCommerce scope}
   */
  UnsupportedTopicException(String kind, String topic, Collection<String> supported) {
    super(
        "%s %s is not handled; subscribe only to %s"
            .formatted(
                kind,
                topic == null ? "(none given)" : "'" + topic + "'",
                String.join(", ", supported)));
    this.topic = topic;
  }

  /** The topic or scope as the platform sent it; null when none was given. */
  public String topic() {
    return topic;
  }
}
