package io.pointsaga.platform;

/**
 * One webhook subscription the product needs, as the platform reports it now.
 *
 * @param topic the platform's own name: Shopify's {@code ORDERS_PAID}, BigCommerce's {@code
 *     store/order/statusUpdated}
 * @param address where the platform delivers it
 */
public record WebhookSubscription(String topic, String address, Status status) {

  public enum Status {
    /** The platform has it and delivers to the address. */
    ACTIVE,
    /** The platform does not have it, or (BigCommerce) has deactivated it. */
    MISSING
  }

  static WebhookSubscription of(String topic, String address, boolean active) {
    return new WebhookSubscription(topic, address, active ? Status.ACTIVE : Status.MISSING);
  }
}
