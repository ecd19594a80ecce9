package io.pointsaga.starter.webhook;

import io.pointsaga.order.OrderEvent;
import java.util.Objects;

/**
 * What a verified webhook delivery means, before it is recorded: the event for the order saga
 * (inbox id 0 until the inbox assigned one) and the business key the inbox deduplicates on.
 *
 * @param businessKey unique per shop and platform: {@code order:{id}:paid}, {@code refund:{id}}...
 */
public record ParsedDelivery(OrderEvent event, String businessKey) {

  public ParsedDelivery {
    Objects.requireNonNull(event, "event");
    if (businessKey == null || businessKey.isBlank()) {
      throw new IllegalArgumentException("a delivery needs a business key");
    }
  }

  /** The same delivery once the inbox recorded it under {@code inboxId}. */
  public ParsedDelivery withInboxId(long inboxId) {
    return new ParsedDelivery(copy(event, inboxId, event.shopDomain()), businessKey);
  }

  /** The same delivery for the shop it was sent to (Shopify: {@code X-Shopify-Shop-Domain}). */
  public ParsedDelivery withShopDomain(String shopDomain) {
    return new ParsedDelivery(copy(event, event.inboxId(), shopDomain), businessKey);
  }

  private static OrderEvent copy(OrderEvent event, long inboxId, String shopDomain) {
    return new OrderEvent(
        inboxId,
        event.kind(),
        event.eventKey(),
        shopDomain,
        event.orderId(),
        event.order(),
        event.refund(),
        event.platformRefundId(),
        event.platformStatusId(),
        event.edit());
  }
}
