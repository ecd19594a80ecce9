package io.pointsaga.starter.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import io.pointsaga.order.OrderEvent;
import io.pointsaga.order.OrderEventKind;
import java.util.List;
import java.util.Optional;

/**
 * Reads a BigCommerce webhook into the event its order saga applies. BigCommerce sends ids only;
 * the saga fetches the order or refund from the API in an activity. Pure: no I/O, no clock.
 */
public final class BigCommerceWebhookParser {

  public static final String ORDER_STATUS_UPDATED = "store/order/statusUpdated";
  public static final String ORDER_REFUND_CREATED = "store/order/refund/created";

  /** The scopes a store subscribes to, all of which {@link #parse} handles. */
  public static final List<String> SCOPES = List.of(ORDER_STATUS_UPDATED, ORDER_REFUND_CREATED);

  private static final String ANY_SCOPE = "BigCommerce webhook";
  private static final String PRODUCER_PREFIX = "stores/";

  /**
   * @return the delivery, with inbox id 0 and no shop domain yet
   * @throws UnsupportedTopicException for a scope other than {@link #SCOPES}
   * @throws MalformedWebhookException when the payload lacks the scope or the ids
   */
  public ParsedDelivery parse(JsonNode payload) {
    String scope = PayloadField.root(ANY_SCOPE, payload).field("scope").text();
    return switch (scope) {
      case ORDER_STATUS_UPDATED -> statusUpdated(data(scope, payload));
      case ORDER_REFUND_CREATED -> refundCreated(data(scope, payload));
      default -> throw new UnsupportedTopicException("BigCommerce scope", scope, SCOPES);
    };
  }

  /** As {@link #parse(JsonNode)}, for the given shop. */
  public ParsedDelivery parse(String shopDomain, JsonNode payload) {
    return parse(payload).withShopDomain(shopDomain);
  }

  /**
   * The delivery's {@code hash}, which BigCommerce keeps across retries of one delivery: the
   * inbox's delivery key.
   */
  public String deliveryKey(JsonNode payload) {
    return PayloadField.root(ANY_SCOPE, payload).field("hash").text();
  }

  /** The store hash from {@code producer: "stores/{store_hash}"}, if the payload names one. */
  public Optional<String> storeHash(JsonNode payload) {
    String producer = PayloadField.root(ANY_SCOPE, payload).field("producer").optionalText();
    return Optional.ofNullable(producer)
        .filter(name -> name.startsWith(PRODUCER_PREFIX))
        .map(name -> name.substring(PRODUCER_PREFIX.length()))
        .filter(storeHash -> !storeHash.isBlank());
  }

  private static PayloadField data(String scope, JsonNode payload) {
    return PayloadField.root("BigCommerce " + scope, payload).field("data");
  }

  private static ParsedDelivery statusUpdated(PayloadField data) {
    String orderId = data.field("id").id();
    int statusId = data.field("status").field("new_status_id").nonNegativeInt();
    OrderEvent event =
        new OrderEvent(
            0,
            OrderEventKind.BIGCOMMERCE_STATUS_CHANGED,
            WebhookKeys.bigCommerceStatusEvent(statusId),
            null,
            orderId,
            null,
            null,
            null,
            statusId);
    return new ParsedDelivery(event, WebhookKeys.bigCommerceOrderStatus(orderId, statusId));
  }

  private static ParsedDelivery refundCreated(PayloadField data) {
    String orderId = data.field("id").id();
    String refundId = data.field("refund").field("refund_id").id();
    String refundKey = WebhookKeys.bigCommerceRefund(refundId);
    OrderEvent event =
        new OrderEvent(
            0,
            OrderEventKind.BIGCOMMERCE_REFUND_CREATED,
            refundKey,
            null,
            orderId,
            null,
            null,
            refundId,
            null);
    return new ParsedDelivery(event, refundKey);
  }
}
