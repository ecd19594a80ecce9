package io.pointsaga.local.sandbox;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * What a simulated BigCommerce store does when one of its orders changes: it moves the order's
 * status as BigCommerce does and sends {@code store/order/statusUpdated} (on every change of
 * status, from 0 when the order is placed) and {@code store/order/refund/created} (on every refund)
 * to its hooks. A refund moves the order to 14 Partially Refunded, or 4 Refunded once everything
 * paid, shipping included, came back; a cancelled order stays 5 Cancelled.
 */
@Component
class BigCommerceOrderEvents {

  static final String STATUS_UPDATED = "store/order/statusUpdated";
  static final String REFUND_CREATED = "store/order/refund/created";
  static final String APP_UNINSTALLED = "store/app/uninstalled";

  static final int AWAITING_FULFILLMENT = 11;
  static final int REFUNDED = 4;
  static final int CANCELLED = 5;
  static final int PARTIALLY_REFUNDED = 14;

  private final SandboxWebhookSender sender;

  BigCommerceOrderEvents(SandboxWebhookSender sender) {
    this.sender = sender;
  }

  /** The order was placed with {@code statusId}: its first status event (from 0). */
  void placed(SimulatedShop shop, long orderId, int statusId, Instant now) {
    shop.changeBigCommerceStatus(orderId, statusId, now);
    sender.deliverToHooks(
        shop,
        STATUS_UPDATED,
        orderId,
        BigCommerceResources.statusUpdated(orderId, 0, statusId),
        now);
  }

  /**
   * Moves the order to {@code statusId}; answers false, sending nothing, when it has that status
   * already (BigCommerce reports changes only).
   */
  boolean statusChanged(SimulatedShop shop, long orderId, int statusId, Instant now) {
    BigCommerceOrderState before = shop.bigCommerceState(orderId);
    if (before.statusId() == statusId) {
      return false;
    }
    shop.changeBigCommerceStatus(orderId, statusId, now);
    sender.deliverToHooks(
        shop,
        STATUS_UPDATED,
        orderId,
        BigCommerceResources.statusUpdated(orderId, before.statusId(), statusId),
        now);
    return true;
  }

  /** A refund of the order was created: its event, then the order's new status. */
  void refunded(SimulatedShop shop, long orderId, SimulatedOrder.Refund refund, Instant now) {
    sender.deliverToHooks(
        shop,
        REFUND_CREATED,
        orderId,
        BigCommerceResources.refundCreated(orderId, refund.id()),
        now);
    if (shop.bigCommerceState(orderId).statusId() == CANCELLED) {
      shop.changeBigCommerceStatus(orderId, CANCELLED, now);
      return;
    }
    boolean everything = shop.read(orderId, BigCommerceOrderEvents::fullyRefunded);
    statusChanged(shop, orderId, everything ? REFUNDED : PARTIALLY_REFUNDED, now);
  }

  /** The order was cancelled, after the refund of what was left, if any. */
  void cancelled(
      SimulatedShop shop, long orderId, Optional<SimulatedOrder.Refund> refund, Instant now) {
    refund.ifPresent(
        r ->
            sender.deliverToHooks(
                shop,
                REFUND_CREATED,
                orderId,
                BigCommerceResources.refundCreated(orderId, r.id()),
                now));
    statusChanged(shop, orderId, CANCELLED, now);
  }

  private static boolean fullyRefunded(SimulatedOrder order) {
    BigDecimal paid =
        order.lineItems().stream()
            .map(SimulatedOrder.LineItem::amountAfterDiscounts)
            .reduce(order.shipping(), BigDecimal::add);
    return BigCommerceResources.refunded(order).compareTo(paid) >= 0;
  }
}
