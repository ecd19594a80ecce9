package io.pointsaga.order;

import io.pointsaga.order.OrderContext.CurrentRule;
import io.pointsaga.redemption.CouponPointsShare;
import io.pointsaga.settings.ShopSettings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A tiny ledger that drives {@link OrderPoints#decide} the way the saga does: each decided change's
 * {@code after} becomes the order of the next context; points are summed per customer, a {@code
 * clampToZero} clawback takes no more than the balance, and {@code restoreCouponPoints} gives back
 * the points spent on the redemptions whose codes were used on the order (once each).
 */
final class TestLedger {
  record Redemption(String customer, String code, long pointsSpent) {}

  final Map<String, Long> balances = new HashMap<>();
  final Map<String, Redemption> redemptions = new HashMap<>();
  final List<String> refundedCodes = new ArrayList<>();

  /** Every change decided, in order. */
  final List<OrderChange> history = new ArrayList<>();

  /** Points actually posted for the order (earn and clawbacks; not coupon restorations). */
  long orderSum;

  /** Points given back for coupons. */
  long couponPointsRestored;

  /** Points given back so far per coupon code under PROPORTIONAL. */
  final Map<String, Long> restoredByCode = new HashMap<>();

  /** The decisions' time (the workflow's); null: no pending period applies. */
  Instant now;

  ShopSettings settings;
  CurrentRule rule;
  OrderState order;

  TestLedger(String orderId, ShopSettings settings, CurrentRule rule) {
    this.order = OrderState.unknown(orderId);
    this.settings = settings;
    this.rule = rule;
  }

  long balance(String customer) {
    return balances.getOrDefault(customer, 0L);
  }

  void setBalance(String customer, long points) {
    balances.put(customer, points);
  }

  /** A redemption already made: its points are gone from the balance, its code can be used. */
  void redeem(String customer, String code, long points) {
    balances.merge(customer, -points, Long::sum);
    redemptions.put(code, new Redemption(customer, code, points));
  }

  /** Decides the event against the current order and applies the changes; returns them. */
  List<OrderChange> apply(OrderEvent event) {
    List<OrderChange> changes =
        OrderPoints.decide(new OrderContext(order, settings, rule), event, now);
    for (OrderChange change : changes) {
      OrderState after = change.after();
      String customer = after.customerId();
      long delta = change.pointsDelta();
      if (delta != 0) {
        if (customer == null) {
          throw new AssertionError("points move on an order without customer: " + change);
        }
        if (delta < 0 && change.clampToZero()) {
          delta = -Math.max(0, Math.min(-delta, balance(customer)));
        }
        balances.merge(customer, delta, Long::sum);
        orderSum += delta;
      }
      if (change.restoreCouponPoints() && customer != null) {
        for (String code : after.discountCodes()) {
          Redemption redemption = redemptions.get(code);
          if (redemption != null && !refundedCodes.contains(code)) {
            refundedCodes.add(code);
            balances.merge(redemption.customer(), redemption.pointsSpent(), Long::sum);
            couponPointsRestored += redemption.pointsSpent();
          }
        }
      }
      if (change.restoreCouponPointsInProportion() && customer != null) {
        for (String code : after.discountCodes()) {
          Redemption redemption = redemptions.get(code);
          if (redemption == null || refundedCodes.contains(code)) {
            continue;
          }
          long before = restoredByCode.getOrDefault(code, 0L);
          long back =
              CouponPointsShare.pointsBack(
                  redemption.pointsSpent(),
                  after.refundedAmount(),
                  after.effectiveSpend(),
                  after.status() == OrderStatus.REFUNDED);
          long now = Math.min(back - before, redemption.pointsSpent() - before);
          if (now > 0) {
            restoredByCode.put(code, before + now);
            balances.merge(redemption.customer(), now, Long::sum);
            couponPointsRestored += now;
          }
        }
      }
      history.add(change);
      order = after;
    }
    return changes;
  }

  /** Sum of the deltas of the given changes. */
  static long delta(List<OrderChange> changes) {
    return changes.stream().mapToLong(OrderChange::pointsDelta).sum();
  }
}
