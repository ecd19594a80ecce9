package io.pointsaga.order;

import io.pointsaga.order.OrderContext.CurrentRule;
import io.pointsaga.settings.ShopSettings;
import io.pointsaga.settings.ShopSettings.CancelOn;
import io.pointsaga.settings.ShopSettings.ClawbackRate;
import io.pointsaga.settings.ShopSettings.NegativeBalance;
import io.pointsaga.settings.ShopSettings.RestoreRedeemedPoints;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/** Builders for orders, refunds, events and settings, in the terms of SPEC §3. */
final class OrderFixtures {
  static final String SHOP = "demo-shop.myshopify.com";
  static final String ORDER = "1001";
  static final String CUSTOMER = "cust-42";
  static final String COUPON = "PTS-5OFF-AB12";

  private OrderFixtures() {}

  static BigDecimal money(String amount) {
    return new BigDecimal(amount);
  }

  static OrderLine line(String id, String amountAfterDiscounts) {
    return new OrderLine(id, money(amountAfterDiscounts));
  }

  /** A line with its price before discounts: what refunds of it may add up to at most. */
  static OrderLine line(String id, String amountAfterDiscounts, String amountBeforeDiscounts) {
    return new OrderLine(id, money(amountAfterDiscounts), money(amountBeforeDiscounts));
  }

  static CurrentRule rule(String pointsPerUnit) {
    return new CurrentRule(money(pointsPerUnit), true);
  }

  static CurrentRule disabledRule(String pointsPerUnit) {
    return new CurrentRule(money(pointsPerUnit), false);
  }

  static OrderSnapshot order(String customer, List<String> codes, OrderLine... lines) {
    return new OrderSnapshot(
        ORDER, customer, "USD", List.of(lines), codes, "paid", false, List.of());
  }

  static OrderSnapshot order(OrderLine... lines) {
    return order(CUSTOMER, List.of(), lines);
  }

  static RefundSnapshot refund(String id, RefundLine... lines) {
    return new RefundSnapshot(id, List.of(lines), BigDecimal.ZERO, false);
  }

  static RefundSnapshot refundWithShipping(String id, String shipping, RefundLine... lines) {
    return new RefundSnapshot(id, List.of(lines), money(shipping), false);
  }

  static RefundSnapshot storeCreditRefund(String id, RefundLine... lines) {
    return new RefundSnapshot(id, List.of(lines), BigDecimal.ZERO, true);
  }

  static RefundLine refunded(String lineId, String subtotal) {
    return new RefundLine(lineId, money(subtotal));
  }

  static OrderEvent paid(OrderSnapshot order) {
    return new OrderEvent(
        1, OrderEventKind.PAID, "paid", SHOP, order.orderId(), order, null, null, null);
  }

  static OrderEvent refundCreated(RefundSnapshot refund) {
    return new OrderEvent(
        2,
        OrderEventKind.REFUND_CREATED,
        "refund:" + refund.refundId(),
        SHOP,
        ORDER,
        null,
        refund,
        null,
        null);
  }

  /** Shopify orders/updated with a financial status; the order carries the refunds given. */
  static OrderEvent statusChanged(
      OrderSnapshot order, String financialStatus, RefundSnapshot... refunds) {
    OrderSnapshot updated =
        new OrderSnapshot(
            order.orderId(),
            order.customerId(),
            order.currency(),
            order.lines(),
            order.discountCodes(),
            financialStatus,
            false,
            List.of(refunds));
    return new OrderEvent(
        3,
        OrderEventKind.STATUS_CHANGED,
        "status:" + financialStatus,
        SHOP,
        order.orderId(),
        updated,
        null,
        null,
        null);
  }

  /** Shopify orders/cancelled. */
  static OrderEvent cancelled(OrderSnapshot order) {
    OrderSnapshot updated =
        new OrderSnapshot(
            order.orderId(),
            order.customerId(),
            order.currency(),
            order.lines(),
            order.discountCodes(),
            order.financialStatus(),
            true,
            List.of());
    return new OrderEvent(
        4, OrderEventKind.CANCELLED, "cancelled", SHOP, order.orderId(), updated, null, null, null);
  }

  static ShopSettings settings(ClawbackRate clawbackRate) {
    return new ShopSettings(null, clawbackRate, null, null, null, false, null);
  }

  static ShopSettings settings(RestoreRedeemedPoints restore) {
    return new ShopSettings(null, null, restore, null, null, false, null);
  }

  static ShopSettings settings(NegativeBalance negativeBalance) {
    return new ShopSettings(null, null, null, negativeBalance, null, false, null);
  }

  static ShopSettings cancelOn(CancelOn... states) {
    return new ShopSettings(Set.of(states), null, null, null, null, false, null);
  }

  static ShopSettings storeCreditCancels() {
    return new ShopSettings(null, null, null, null, null, true, null);
  }

  static List<String> codes(String... codes) {
    return new ArrayList<>(Arrays.asList(codes));
  }
}
