package io.pointsaga.starter.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import io.pointsaga.order.OrderEdit;
import io.pointsaga.order.OrderEvent;
import io.pointsaga.order.OrderEventKind;
import io.pointsaga.order.OrderSnapshot;
import io.pointsaga.order.RefundSnapshot;
import java.util.List;

/**
 * Reads a Shopify webhook (REST Order and Refund resources) into the event its order saga applies.
 * Pure: no I/O, no clock; the signature is checked before, the inbox records after.
 */
public final class ShopifyWebhookParser {

  public static final String ORDERS_PAID = "orders/paid";
  public static final String REFUNDS_CREATE = "refunds/create";
  public static final String ORDERS_UPDATED = "orders/updated";
  public static final String ORDERS_CANCELLED = "orders/cancelled";
  public static final String ORDERS_EDITED = "orders/edited";

  /** The topics a shop subscribes to, all of which {@link #parse} handles. */
  public static final List<String> TOPICS =
      List.of(ORDERS_PAID, REFUNDS_CREATE, ORDERS_UPDATED, ORDERS_CANCELLED, ORDERS_EDITED);

  private final ShopMoneyRules money;

  /** A parser for a shop that keeps its points in US dollars. */
  public ShopifyWebhookParser() {
    this("USD");
  }

  /** A parser for a shop that keeps its points in {@code shopCurrency} (the shop's currency). */
  public ShopifyWebhookParser(String shopCurrency) {
    this.money = ShopMoneyRules.forCurrency(shopCurrency);
  }

  /**
   * @param topic the {@code X-Shopify-Topic} header
   * @param payload the body, parsed from the very bytes whose signature was checked
   * @return the delivery, with inbox id 0 and no shop domain yet
   * @throws UnsupportedTopicException for any other topic
   * @throws MalformedWebhookException when the payload lacks what the saga needs
   * @throws InvalidWebhookException when it breaks the money or text rules of SPEC §8
   */
  public ParsedDelivery parse(String topic, JsonNode payload) {
    return switch (topic == null ? "" : topic) {
      case ORDERS_PAID -> paid(ShopifyOrderReader.read(payload(topic, payload), money));
      case REFUNDS_CREATE -> refundCreated(payload(topic, payload));
      case ORDERS_UPDATED -> updated(payload(topic, payload));
      case ORDERS_CANCELLED -> cancelled(ShopifyOrderReader.read(payload(topic, payload), money));
      case ORDERS_EDITED -> edited(payload(topic, payload).field("order_edit"));
      default -> throw new UnsupportedTopicException("Shopify topic", topic, TOPICS);
    };
  }

  /** As {@link #parse(String, JsonNode)}, for the shop of {@code X-Shopify-Shop-Domain}. */
  public ParsedDelivery parse(String shopDomain, String topic, JsonNode payload) {
    return parse(topic, payload).withShopDomain(shopDomain);
  }

  private static PayloadField payload(String topic, JsonNode payload) {
    return PayloadField.root("Shopify " + topic, payload);
  }

  private static ParsedDelivery paid(OrderSnapshot order) {
    return new ParsedDelivery(
        orderEvent(OrderEventKind.PAID, WebhookKeys.PAID_EVENT, order),
        WebhookKeys.orderPaid(order.orderId()));
  }

  private ParsedDelivery refundCreated(PayloadField payload) {
    RefundSnapshot refund = ShopifyRefundReader.read(payload, money);
    String orderId = payload.field("order_id").id();
    String refundKey = WebhookKeys.shopifyRefund(refund.refundId());
    OrderEvent event =
        new OrderEvent(
            0, OrderEventKind.REFUND_CREATED, refundKey, null, orderId, null, refund, null, null);
    return new ParsedDelivery(event, refundKey);
  }

  /** Every orders/updated is its own event: the saga dedupes the refunds inside by refund id. */
  private ParsedDelivery updated(PayloadField payload) {
    OrderSnapshot order = ShopifyOrderReader.read(payload, money);
    String financialStatus = payload.field("financial_status").text();
    String updatedAt = payload.field("updated_at").text();
    return new ParsedDelivery(
        orderEvent(
            OrderEventKind.STATUS_CHANGED,
            WebhookKeys.statusEvent(financialStatus, updatedAt),
            order),
        WebhookKeys.orderUpdated(order.orderId(), updatedAt));
  }

  private static ParsedDelivery cancelled(OrderSnapshot order) {
    return new ParsedDelivery(
        orderEvent(OrderEventKind.CANCELLED, WebhookKeys.CANCELLED_EVENT, order),
        WebhookKeys.orderCancelled(order.orderId()));
  }

  /**
   * {@code {"order_edit": {"id", "order_id", "line_items": {"additions": [{"id", "delta"}],
   * "removals": [...]}}}}: ids and unit counts only; the saga prices them from the order's lines.
   */
  private static ParsedDelivery edited(PayloadField edit) {
    String editId = edit.field("id").id();
    String orderId = edit.field("order_id").id();
    PayloadField lines = edit.field("line_items");
    OrderEdit parsed =
        new OrderEdit(
            editId,
            quantityChanges(lines.field("additions")),
            quantityChanges(lines.field("removals")));
    OrderEvent event =
        new OrderEvent(
            0,
            OrderEventKind.ORDER_EDITED,
            WebhookKeys.orderEditEvent(editId),
            null,
            orderId,
            null,
            null,
            null,
            null,
            parsed);
    return new ParsedDelivery(event, WebhookKeys.orderEdited(orderId, editId));
  }

  private static List<OrderEdit.QuantityChange> quantityChanges(PayloadField changes) {
    return changes.elements().stream()
        .map(
            change -> {
              int delta = change.field("delta").boundedInt(ShopMoneyRules.MAX_QUANTITY);
              if (delta == 0) {
                throw change.invalid("has a delta of 0: an edit changes at least one unit");
              }
              return new OrderEdit.QuantityChange(change.field("id").id(), delta);
            })
        .toList();
  }

  private static OrderEvent orderEvent(OrderEventKind kind, String eventKey, OrderSnapshot order) {
    return new OrderEvent(0, kind, eventKey, null, order.orderId(), order, null, null, null);
  }
}
