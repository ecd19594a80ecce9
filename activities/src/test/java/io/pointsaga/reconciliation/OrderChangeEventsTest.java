package io.pointsaga.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;

import io.pointsaga.order.OrderEventKind;
import io.pointsaga.order.OrderLine;
import io.pointsaga.order.OrderSnapshot;
import io.pointsaga.order.RefundLine;
import io.pointsaga.order.RefundSnapshot;
import io.pointsaga.platform.ChangedOrder;
import io.pointsaga.platform.PlatformKind;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The events an order read from the platform stands for, under the webhooks' keys. */
class OrderChangeEventsTest {
  private static final String SHOP = "demo.myshopify.com";
  private static final Instant AT = Instant.parse("2026-11-30T07:30:00Z");

  private static ChangedOrder order(
      String financialStatus, boolean cancelled, boolean paid, Integer bigCommerceStatus) {
    return new ChangedOrder(
        new OrderSnapshot(
            "1001",
            "42",
            "USD",
            List.of(new OrderLine("11", new BigDecimal("20.00"))),
            List.of("PTS-1"),
            financialStatus,
            cancelled,
            List.of(
                new RefundSnapshot(
                    bigCommerceStatus == null ? "501" : "bc-3",
                    List.of(new RefundLine("11", new BigDecimal("20.00"))),
                    null,
                    false)),
            null),
        AT,
        paid,
        bigCommerceStatus);
  }

  @Test
  void aCancelledShopifyOrderIsPaidItsRefundsAndTheCancellation() {
    List<RecoveredEvent> events =
        OrderChangeEvents.of(SHOP, PlatformKind.SHOPIFY, order("refunded", true, true, null));

    assertThat(events)
        .extracting(e -> e.event().kind(), e -> e.event().eventKey(), RecoveredEvent::businessKey)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(OrderEventKind.PAID, "paid", "order:1001:paid"),
            org.assertj.core.groups.Tuple.tuple(
                OrderEventKind.REFUND_CREATED, "refund:501", "refund:501"),
            org.assertj.core.groups.Tuple.tuple(
                OrderEventKind.CANCELLED, "cancelled", "order:1001:cancelled"));
    assertThat(events.get(0).event().order().refunds())
        .as("the paid event is the order as orders/paid showed it")
        .isEmpty();
    assertThat(events.get(0).event().order().financialStatus()).isEqualTo("paid");
    assertThat(events).allSatisfy(e -> assertThat(e.event().shopDomain()).isEqualTo(SHOP));
  }

  @Test
  void anUnpaidShopifyOrderEarnsNothingAndAVoidedOneIsAStatusChange() {
    List<RecoveredEvent> events =
        OrderChangeEvents.of(SHOP, PlatformKind.SHOPIFY, order("voided", false, false, null));
    assertThat(events)
        .extracting(e -> e.event().kind())
        .containsExactly(OrderEventKind.REFUND_CREATED, OrderEventKind.STATUS_CHANGED);
    assertThat(events.get(1).businessKey()).isEqualTo("order:1001:updated:" + AT);
  }

  @Test
  void bigCommerceStatusEventsCarryTheWebhooksStatusKeys() {
    List<RecoveredEvent> cancelled =
        OrderChangeEvents.of(SHOP, PlatformKind.BIGCOMMERCE, order("cancelled", true, true, 5));
    assertThat(cancelled)
        .extracting(e -> e.event().eventKey(), RecoveredEvent::businessKey)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("paid", "order:1001:paid"),
            org.assertj.core.groups.Tuple.tuple("refund:bc-3", "refund:bc-3"),
            org.assertj.core.groups.Tuple.tuple("bc-status:5", "order:1001:status:5"));
    assertThat(cancelled.get(2).event().kind()).isEqualTo(OrderEventKind.CANCELLED);

    List<RecoveredEvent> refunded =
        OrderChangeEvents.of(SHOP, PlatformKind.BIGCOMMERCE, order("refunded", false, true, 4));
    assertThat(refunded.get(2).event().kind()).isEqualTo(OrderEventKind.STATUS_CHANGED);
    assertThat(refunded.get(2).event().eventKey()).isEqualTo("bc-status:4");

    assertThat(
            OrderChangeEvents.of(
                SHOP, PlatformKind.BIGCOMMERCE, order("partially_refunded", false, true, 14)))
        .as("partially refunded: its refunds say it all")
        .hasSize(2);
  }
}
