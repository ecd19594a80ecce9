package io.pointsaga.local.bench;

import io.pointsaga.order.OrderActivities;
import io.pointsaga.order.OrderChange;
import io.pointsaga.order.OrderContext;
import io.pointsaga.order.OrderEvent;
import io.pointsaga.order.OrderEventKind;
import io.pointsaga.order.OrderLine;
import io.pointsaga.order.OrderPoints;
import io.pointsaga.order.OrderSnapshot;
import io.pointsaga.order.RefundLine;
import io.pointsaga.order.RefundSnapshot;
import java.math.BigDecimal;
import java.util.List;

/**
 * The ledger work of the order saga done directly, on one thread, without HTTP, inbox or Temporal:
 * for each event the saga's own steps (load, decide, apply each change, recalculate the VIP tier)
 * on the same orders and refunds as {@link WebhookLoad#saturation}.
 */
final class DirectLedger {
  private final OrderActivities activities;
  private final String shop;

  DirectLedger(OrderActivities activities, String shop) {
    this.activities = activities;
    this.shop = shop;
  }

  /** Pays {@code orderCount} orders (untimed), then times applying both refunds of each. */
  Throughput refunds(int orderCount) {
    OrderBlock orders = OrderBlock.take(orderCount);
    for (int i = 0; i < orderCount; i++) {
      apply(paid(String.valueOf(orders.orderId(i))));
    }
    long start = System.nanoTime();
    for (int i = 0; i < orderCount; i++) {
      String orderId = String.valueOf(orders.orderId(i));
      apply(refund(orderId, 1, "30.00"));
      apply(refund(orderId, 2, "20.00"));
    }
    return Throughput.since(orderCount * 2, start);
  }

  private void apply(OrderEvent event) {
    OrderContext context = activities.load(shop, event.orderId());
    String customer = null;
    for (OrderChange change : OrderPoints.decision(context, event).changes()) {
      activities.apply(shop, event.orderId(), change);
      customer = change.after().customerId();
    }
    if (customer != null) {
      activities.recalculateVip(shop, customer, event.orderId() + ":" + event.eventKey());
    }
  }

  private OrderEvent paid(String orderId) {
    OrderSnapshot order =
        new OrderSnapshot(
            orderId,
            orderId,
            "USD",
            List.of(
                new OrderLine("1", new BigDecimal("30.00")),
                new OrderLine("2", new BigDecimal("20.00"))),
            List.of(),
            "paid",
            false,
            List.of());
    return new OrderEvent(0, OrderEventKind.PAID, "paid", shop, orderId, order, null, null, null);
  }

  private OrderEvent refund(String orderId, int line, String subtotal) {
    RefundSnapshot refund =
        new RefundSnapshot(
            orderId + "-r" + line,
            List.of(new RefundLine(String.valueOf(line), new BigDecimal(subtotal))),
            BigDecimal.ZERO,
            false);
    return new OrderEvent(
        0,
        OrderEventKind.REFUND_CREATED,
        "refund:" + refund.refundId(),
        shop,
        orderId,
        null,
        refund,
        null,
        null);
  }
}
