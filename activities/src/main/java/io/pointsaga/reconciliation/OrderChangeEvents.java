package io.pointsaga.reconciliation;

import io.pointsaga.order.OrderEvent;
import io.pointsaga.order.OrderEventKeys;
import io.pointsaga.order.OrderEventKind;
import io.pointsaga.order.OrderSnapshot;
import io.pointsaga.order.RefundSnapshot;
import io.pointsaga.platform.ChangedOrder;
import io.pointsaga.platform.PlatformKind;
import java.util.ArrayList;
import java.util.List;

/**
 * The events an order read from the platform stands for, under the keys the webhooks of the same
 * events carry (SPEC §10): whichever arrives first applies, the other changes nothing. Pure.
 *
 * <p>Shopify: {@code orders/paid} (event {@code paid}), one {@code refunds/create} per refund
 * ({@code refund:{id}}), {@code orders/cancelled} ({@code cancelled}); a voided order as {@code
 * orders/updated}. BigCommerce: paid, one event per refund ({@code refund:bc-{id}}) and the status
 * events Refunded (4) and Cancelled (5) ({@code bc-status:{id}}), as the webhook's status event
 * resolves.
 */
final class OrderChangeEvents {

  static final String PAID_TOPIC = "reconciliation/paid";
  static final String REFUND_TOPIC = "reconciliation/refund";
  static final String STATUS_TOPIC = "reconciliation/status";

  private static final int BIGCOMMERCE_REFUNDED = 4;
  private static final int BIGCOMMERCE_CANCELLED = 5;

  private OrderChangeEvents() {}

  static List<RecoveredEvent> of(String shopDomain, PlatformKind platform, ChangedOrder changed) {
    OrderSnapshot order = changed.order();
    String orderId = order.orderId();
    List<RecoveredEvent> events = new ArrayList<>();
    if (changed.paid()) {
      events.add(
          new RecoveredEvent(
              event(shopDomain, OrderEventKind.PAID, OrderEventKeys.PAID_EVENT, asPaid(order)),
              OrderEventKeys.orderPaid(orderId),
              PAID_TOPIC));
    }
    for (RefundSnapshot refund : order.refunds()) {
      String key = OrderEventKeys.refund(refund.refundId());
      events.add(
          new RecoveredEvent(
              new OrderEvent(
                  0,
                  OrderEventKind.REFUND_CREATED,
                  key,
                  shopDomain,
                  orderId,
                  null,
                  refund,
                  null,
                  null),
              key,
              REFUND_TOPIC));
    }
    if (platform == PlatformKind.BIGCOMMERCE) {
      Integer status = changed.bigCommerceStatusId();
      if (status != null && (status == BIGCOMMERCE_REFUNDED || status == BIGCOMMERCE_CANCELLED)) {
        OrderEventKind kind =
            status == BIGCOMMERCE_CANCELLED
                ? OrderEventKind.CANCELLED
                : OrderEventKind.STATUS_CHANGED;
        events.add(
            new RecoveredEvent(
                event(shopDomain, kind, OrderEventKeys.bigCommerceStatusEvent(status), order),
                OrderEventKeys.bigCommerceOrderStatus(orderId, status),
                STATUS_TOPIC));
      }
    } else if (order.cancelled()) {
      events.add(
          new RecoveredEvent(
              event(shopDomain, OrderEventKind.CANCELLED, OrderEventKeys.CANCELLED_EVENT, order),
              OrderEventKeys.orderCancelled(orderId),
              STATUS_TOPIC));
    } else if ("voided".equals(order.financialStatus())) {
      String at = changed.updatedAt().toString();
      events.add(
          new RecoveredEvent(
              event(
                  shopDomain,
                  OrderEventKind.STATUS_CHANGED,
                  OrderEventKeys.statusEvent("voided", at),
                  order),
              OrderEventKeys.orderUpdated(orderId, at),
              STATUS_TOPIC));
    }
    return List.copyOf(events);
  }

  /** The order as orders/paid showed it: paid, no refunds yet (they come as their own events). */
  private static OrderSnapshot asPaid(OrderSnapshot order) {
    return new OrderSnapshot(
        order.orderId(),
        order.customerId(),
        order.currency(),
        order.lines(),
        order.discountCodes(),
        "paid",
        false,
        List.of(),
        order.shippingTotal());
  }

  private static OrderEvent event(
      String shopDomain, OrderEventKind kind, String eventKey, OrderSnapshot order) {
    return new OrderEvent(0, kind, eventKey, shopDomain, order.orderId(), order, null, null, null);
  }
}
