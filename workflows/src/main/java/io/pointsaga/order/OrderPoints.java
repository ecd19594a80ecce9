package io.pointsaga.order;

import io.pointsaga.ledger.EntryKind;
import io.pointsaga.order.OrderContext.CurrentRule;
import io.pointsaga.settings.ShopSettings;
import io.pointsaga.settings.ShopSettings.CancelOn;
import io.pointsaga.settings.ShopSettings.ClawbackRate;
import io.pointsaga.settings.ShopSettings.NegativeBalance;
import io.pointsaga.settings.ShopSettings.RestoreRedeemedPoints;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decides what one order event does to the points (SPEC §3): pure, so the workflow can run it
 * deterministically and tests can table it. Every decision names the order, the amounts, the rule
 * or rate and the policy used.
 */
public final class OrderPoints {
  private final ShopSettings settings;
  private final CurrentRule currentRule;
  private final List<OrderChange> changes = new ArrayList<>();
  private final List<EventRejection> rejections = new ArrayList<>();
  private OrderState state;

  /** The line items the change being recorded leaves; null: as they are. */
  private List<OrderLineState> linesAfter;

  private OrderPoints(OrderContext context) {
    this.settings = context.settings();
    this.currentRule = context.currentRule();
    this.state = context.order();
  }

  /** The changes, in order; empty when the event changes nothing (or was applied before). */
  public static List<OrderChange> decide(OrderContext context, OrderEvent event) {
    return decision(context, event).changes();
  }

  /**
   * The changes and the rejections of one event. Never throws on data: an event it cannot decide
   * (ids only, amounts beyond range, parts missing) is one rejection and no change.
   */
  public static OrderDecision decision(OrderContext context, OrderEvent event) {
    OrderPoints decision = new OrderPoints(context);
    try {
      switch (event.kind()) {
        case PAID -> decision.paid(event.order());
        case REFUND_CREATED -> decision.refund(event.refund());
        case STATUS_CHANGED, CANCELLED -> {
          for (RefundSnapshot refund : event.order().refunds()) {
            decision.refund(refund);
          }
          decision.statusChanged(event);
        }
        case BIGCOMMERCE_STATUS_CHANGED, BIGCOMMERCE_REFUND_CREATED ->
            decision.rejections.add(
                EventRejection.of(event.eventKey(), EventRejection.Reason.NOT_RESOLVED));
      }
    } catch (ArithmeticException outOfRange) {
      return rejected(event, EventRejection.Reason.OUT_OF_RANGE);
    } catch (RuntimeException invalid) {
      return rejected(event, EventRejection.Reason.INVALID_EVENT);
    }
    return new OrderDecision(decision.changes, decision.rejections);
  }

  private static OrderDecision rejected(OrderEvent event, EventRejection.Reason reason) {
    String key = event.eventKey() == null ? "unknown" : event.eventKey();
    return new OrderDecision(List.of(), List.of(EventRejection.of(key, reason)));
  }

  private void paid(OrderSnapshot order) {
    String key = "paid";
    if (state.applied(key)) {
      return;
    }
    BigDecimal spend = PointsMath.effectiveSpend(order.lines());
    boolean ruleOn = currentRule != null && currentRule.enabled();
    BigDecimal rate = ruleOn ? currentRule.pointsPerUnit() : BigDecimal.ZERO;
    List<OrderLineState> lines = paidLines(order);
    BigDecimal refundedBeyondLines =
        lines.stream()
            .map(OrderLineState::amountRefundedBeyondPrice)
            .reduce(BigDecimal.ZERO, BigDecimal::add);
    if (refundedBeyondLines.signum() > 0) {
      rejections.add(
          new EventRejection(
              EARLY_REFUNDS_KEY,
              EventRejection.Reason.REFUNDED_BEFORE_PAYMENT_BEYOND_LINES,
              null,
              null,
              null,
              null,
              refundedBeyondLines));
    }
    BigDecimal refunded =
        state.refundedAmount().subtract(refundedBeyondLines).max(BigDecimal.ZERO).min(spend);
    long earned = PointsMath.points(spend, rate);
    long held;
    if (state.status() != OrderStatus.OPEN || order.customerId() == null) {
      held = 0;
    } else if (settings.clawbackRate() == ClawbackRate.AWARDED) {
      held = PointsMath.pointsKept(rate, spend, refunded);
    } else {
      held = Math.max(0, earned - PointsMath.points(refunded, rate));
    }
    String currency = order.currency() == null ? "" : " " + order.currency();
    String note;
    if (order.customerId() == null) {
      note =
          "Order %s (effective spend %s%s) has no customer: no points."
              .formatted(order.orderId(), money(spend), currency);
    } else if (state.status() != OrderStatus.OPEN) {
      note =
          "Order %s was paid after its points were cancelled (%s): no points."
              .formatted(order.orderId(), state.status().name().toLowerCase());
    } else if (!ruleOn) {
      note =
          "Order %s paid (effective spend %s%s): no points, the Place-an-order rule is %s."
              .formatted(
                  order.orderId(),
                  money(spend),
                  currency,
                  currentRule == null ? "deleted" : "disabled");
    } else {
      note =
          "Earned %d points on order %s: effective spend %s%s at %s points per unit (Place-an-order rule)."
              .formatted(
                  held,
                  order.orderId(),
                  money(spend),
                  currency,
                  rate.stripTrailingZeros().toPlainString());
      if (refunded.signum() > 0) {
        note += " %s had already been refunded.".formatted(money(refunded));
      }
    }
    boolean fullyRefundedFirst =
        state.status() == OrderStatus.OPEN
            && spend.signum() > 0
            && refunded.compareTo(spend) >= 0
            && state.shippingRefunded().compareTo(order.shippingTotal()) >= 0;
    boolean restore = false;
    OrderStatus status = state.status();
    if (fullyRefundedFirst) {
      status = OrderStatus.REFUNDED;
      restore = restoresCouponPoints(order.discountCodes());
      note +=
          " It had been fully refunded before its payment arrived."
              + (restore ? " Points spent on its redeemed coupons come back." : "");
    }
    OrderState after =
        new OrderState(
            order.orderId(),
            order.customerId(),
            order.currency(),
            spend,
            refunded,
            rate,
            earned,
            held,
            status,
            order.discountCodes(),
            withKey(key),
            order.shippingTotal(),
            state.shippingRefunded(),
            lines);
    changes.add(
        new OrderChange(key, held > 0 ? EntryKind.EARN : null, held, note, after, restore, false));
    state = after;
  }

  /** The event key under which refunds counted short at the payment are kept for a person. */
  static final String EARLY_REFUNDS_KEY = "paid:refunds-before-payment";

  /**
   * The order's lines once paid: what each cost after its discounts, with what refunds that came
   * before the payment took of it. Early refunds of lines the order does not have stay, unpaid.
   */
  private List<OrderLineState> paidLines(OrderSnapshot order) {
    Map<String, BigDecimal[]> paid = new LinkedHashMap<>();
    for (OrderLine line : order.lines()) {
      paid.merge(
          line.lineItemId(),
          new BigDecimal[] {line.amountBeforeDiscounts(), line.amountAfterDiscounts()},
          (a, b) -> new BigDecimal[] {a[0].add(b[0]), a[1].add(b[1])});
    }
    Map<String, BigDecimal> refundedEarly = new LinkedHashMap<>();
    if (state.lines() != null) {
      for (OrderLineState line : state.lines()) {
        refundedEarly.merge(line.lineItemId(), line.amountRefunded(), BigDecimal::add);
      }
    }
    List<OrderLineState> lines = new ArrayList<>();
    paid.forEach(
        (id, amounts) ->
            lines.add(
                new OrderLineState(
                    id, amounts[0], amounts[1], refundedEarly.getOrDefault(id, BigDecimal.ZERO))));
    refundedEarly.forEach(
        (id, amount) -> {
          if (!paid.containsKey(id)) {
            lines.add(new OrderLineState(id, null, null, amount));
          }
        });
    return lines;
  }

  /**
   * Whether the refund may be applied to a paid order whose lines are known: every line it refunds
   * is on the order, no line gets back more than its price, and the order gets back no more than
   * its effective spend, counting earlier refunds.
   */
  private Optional<EventRejection> checkLines(String key, RefundSnapshot refund) {
    if (!state.linesKnown()) {
      return Optional
          .empty(); // not paid yet (checked at the payment) or paid before lines were kept
    }
    for (Map.Entry<String, BigDecimal> asked : refundedByLine(refund).entrySet()) {
      Optional<OrderLineState> line = state.line(asked.getKey()).filter(OrderLineState::onOrder);
      if (line.isEmpty()) {
        return Optional.of(
            new EventRejection(
                key,
                EventRejection.Reason.UNKNOWN_LINE_ITEM,
                refund.refundId(),
                asked.getKey(),
                null,
                null,
                asked.getValue()));
      }
      OrderLineState known = line.get();
      if (known.amountRefunded().add(asked.getValue()).compareTo(known.amountBeforeDiscounts())
          > 0) {
        return Optional.of(
            new EventRejection(
                key,
                EventRejection.Reason.MORE_THAN_PAID,
                refund.refundId(),
                asked.getKey(),
                known.amountBeforeDiscounts(),
                known.amountRefunded(),
                asked.getValue()));
      }
    }
    BigDecimal refundedBefore =
        state.lines().stream()
            .map(OrderLineState::amountRefunded)
            .reduce(BigDecimal.ZERO, BigDecimal::add);
    if (refundedBefore.add(refund.refundedAmount()).compareTo(state.effectiveSpend()) > 0) {
      return Optional.of(
          new EventRejection(
              key,
              EventRejection.Reason.MORE_THAN_ORDER_PAID,
              refund.refundId(),
              null,
              state.effectiveSpend(),
              refundedBefore,
              refund.refundedAmount()));
    }
    return Optional.empty();
  }

  private static Map<String, BigDecimal> refundedByLine(RefundSnapshot refund) {
    Map<String, BigDecimal> byLine = new LinkedHashMap<>();
    for (RefundLine line : refund.lines()) {
      byLine.merge(line.lineItemId(), line.subtotal(), BigDecimal::add);
    }
    return byLine;
  }

  /** The lines once the refund is counted against them; null when lines are not kept. */
  private List<OrderLineState> linesAfterRefund(RefundSnapshot refund) {
    if (state.lines() == null) {
      return null;
    }
    Map<String, OrderLineState> lines = new LinkedHashMap<>();
    for (OrderLineState line : state.lines()) {
      lines.put(line.lineItemId(), line);
    }
    refundedByLine(refund)
        .forEach(
            (id, amount) ->
                lines.merge(
                    id,
                    new OrderLineState(id, null, null, amount),
                    (known, added) ->
                        new OrderLineState(
                            id,
                            known.amountBeforeDiscounts(),
                            known.amountAfterDiscounts(),
                            known.amountRefunded().add(amount))));
    return new ArrayList<>(lines.values());
  }

  private boolean restoresCouponPoints(List<String> discountCodes) {
    return settings.restoreRedeemedPoints() == RestoreRedeemedPoints.ON_FULL_REFUND
        && !discountCodes.isEmpty();
  }

  private void refund(RefundSnapshot refund) {
    String key = "refund:" + refund.refundId();
    if (state.applied(key)) {
      return;
    }
    Optional<EventRejection> invalid = checkLines(key, refund);
    if (invalid.isPresent()) {
      rejections.add(invalid.get());
      return;
    }
    linesAfter = linesAfterRefund(refund);
    BigDecimal amount = refund.refundedAmount();
    BigDecimal shipping =
        refund.shippingRefunded() == null ? BigDecimal.ZERO : refund.shippingRefunded();
    String order = state.orderId();
    String what = "Refund %s on order %s".formatted(refund.refundId(), order);
    if (refund.storeCredit() && !settings.storeCreditCancelsPoints()) {
      record(
          key,
          0,
          null,
          what + " went to store credit: no points cancelled (storeCreditCancelsPoints is off).",
          state.refundedAmount(),
          state.shippingRefunded(),
          state.pointsHeld(),
          state.status(),
          false);
      return;
    }
    if (!settings.cancelOn().contains(CancelOn.REFUNDED)) {
      record(
          key,
          0,
          null,
          what
              + " (%s): refunds do not cancel points in this shop (cancelOn)."
                  .formatted(money(amount)),
          state.refundedAmount(),
          state.shippingRefunded(),
          state.pointsHeld(),
          state.status(),
          false);
      return;
    }
    BigDecimal shippingRefunded = state.shippingRefunded().add(shipping);
    BigDecimal refunded =
        state.paid()
            ? state.refundedAmount().add(amount).min(state.effectiveSpend())
            : state.refundedAmount().add(amount);
    if (!state.paid()) {
      record(
          key,
          0,
          null,
          what
              + " (%s) arrived before the order's payment: it counts when the payment arrives."
                  .formatted(money(amount)),
          refunded,
          shippingRefunded,
          0,
          state.status(),
          false);
      return;
    }
    if (state.status() != OrderStatus.OPEN || state.customerId() == null) {
      record(
          key,
          0,
          null,
          null,
          refunded,
          shippingRefunded,
          state.pointsHeld(),
          state.status(),
          false);
      return;
    }
    BigDecimal remaining = PointsMath.remaining(state.effectiveSpend(), refunded);
    boolean full =
        remaining.signum() == 0 && shippingRefunded.compareTo(state.shippingTotal()) >= 0;
    if (amount.signum() == 0) {
      String note =
          what
              + " refunded only shipping (%s): shipping never counts, no points change."
                  .formatted(money(shipping));
      boolean restore = full && restoresCouponPoints(state.discountCodes());
      if (full) {
        note +=
            " The order is now fully refunded"
                + (restore ? ": points spent on its redeemed coupons come back." : ".");
      }
      record(
          key,
          0,
          null,
          note,
          refunded,
          shippingRefunded,
          state.pointsHeld(),
          full ? OrderStatus.REFUNDED : OrderStatus.OPEN,
          restore);
      return;
    }
    String shippingNote =
        shipping.signum() > 0 ? " (shipping %s not counted)".formatted(money(shipping)) : "";
    long delta;
    String note;
    if (settings.clawbackRate() == ClawbackRate.AWARDED) {
      long kept = PointsMath.pointsKept(state.awardedRate(), state.effectiveSpend(), refunded);
      delta = Math.min(0, kept - state.pointsHeld());
      note =
          "%s: %s refunded%s; the remaining %s keeps %d points at the awarded rate %s, so %d points were removed (clawbackRate AWARDED)."
              .formatted(
                  what,
                  money(amount),
                  shippingNote,
                  money(remaining),
                  kept,
                  state.awardedRate().stripTrailingZeros().toPlainString(),
                  -delta);
    } else if (currentRule == null || !currentRule.enabled()) {
      delta = 0;
      note =
          "%s: %s refunded%s; no points removed because the Place-an-order rule is %s (clawbackRate CURRENT_RULE)."
              .formatted(
                  what, money(amount), shippingNote, currentRule == null ? "deleted" : "disabled");
    } else {
      delta = -PointsMath.points(amount, currentRule.pointsPerUnit());
      note =
          "%s: %s refunded%s; %d points removed at the current Place-an-order rate %s (clawbackRate CURRENT_RULE)."
              .formatted(
                  what,
                  money(amount),
                  shippingNote,
                  -delta,
                  currentRule.pointsPerUnit().stripTrailingZeros().toPlainString());
    }
    boolean restore = full && restoresCouponPoints(state.discountCodes());
    if (restore) {
      note += " The order is fully refunded: points spent on its redeemed coupons come back.";
    } else if (remaining.signum() == 0 && !full) {
      note +=
          " Shipping (%s) was not refunded, so the order stays partially refunded."
              .formatted(money(state.shippingTotal().subtract(shippingRefunded)));
    }
    record(
        key,
        delta,
        EntryKind.REFUND_CLAWBACK,
        note,
        refunded,
        shippingRefunded,
        Math.max(0, state.pointsHeld() + delta),
        full ? OrderStatus.REFUNDED : OrderStatus.OPEN,
        restore);
  }

  private void statusChanged(OrderEvent event) {
    OrderSnapshot order = event.order();
    String key = event.eventKey();
    if (state.applied(key) || state.status() != OrderStatus.OPEN) {
      return;
    }
    String status = order.financialStatus() == null ? "" : order.financialStatus();
    if (event.kind() == OrderEventKind.CANCELLED) {
      cancelAll(
          key, CancelOn.CANCELLED, OrderStatus.CANCELLED, EntryKind.CANCEL_CLAWBACK, "cancelled");
    } else if (status.equals("voided")) {
      cancelAll(key, CancelOn.VOIDED, OrderStatus.VOIDED, EntryKind.VOID_CLAWBACK, "voided");
    } else if (status.equals("refunded") && state.paid() && noStoreCreditSparedPoints(order)) {
      cancelAll(
          key,
          CancelOn.REFUNDED,
          OrderStatus.REFUNDED,
          EntryKind.REFUND_CLAWBACK,
          "marked refunded");
    }
  }

  /** A refunded status without refund details; not when store credit was meant to spare points. */
  private boolean noStoreCreditSparedPoints(OrderSnapshot order) {
    return settings.storeCreditCancelsPoints()
        || order.refunds().stream().noneMatch(RefundSnapshot::storeCredit);
  }

  private void cancelAll(
      String key, CancelOn trigger, OrderStatus status, EntryKind kind, String word) {
    String order = state.orderId();
    if (!settings.cancelOn().contains(trigger)) {
      record(
          key,
          0,
          null,
          "Order %s was %s; that does not cancel points in this shop (cancelOn)."
              .formatted(order, word),
          state.refundedAmount(),
          state.shippingRefunded(),
          state.pointsHeld(),
          state.status(),
          false);
      return;
    }
    if (!state.paid() || state.customerId() == null) {
      record(
          key, 0, null, null, state.refundedAmount(), state.shippingRefunded(), 0, status, false);
      return;
    }
    long held = state.pointsHeld();
    boolean restore = status == OrderStatus.REFUNDED && restoresCouponPoints(state.discountCodes());
    String note =
        "Order %s was %s: its remaining %d points were cancelled (cancelOn includes %s)."
            .formatted(order, word, held, trigger.name());
    boolean refundedInFull = status == OrderStatus.REFUNDED;
    BigDecimal refunded = refundedInFull ? state.effectiveSpend() : state.refundedAmount();
    BigDecimal shippingRefunded = refundedInFull ? state.shippingTotal() : state.shippingRefunded();
    record(
        key, -held, held > 0 ? kind : null, note, refunded, shippingRefunded, 0, status, restore);
  }

  private void record(
      String key,
      long delta,
      EntryKind kind,
      String note,
      BigDecimal refunded,
      BigDecimal shippingRefunded,
      long held,
      OrderStatus status,
      boolean restore) {
    OrderState after =
        new OrderState(
            state.orderId(),
            state.customerId(),
            state.currency(),
            state.effectiveSpend(),
            refunded,
            state.awardedRate(),
            state.pointsEarned(),
            held,
            status,
            state.discountCodes(),
            withKey(key),
            state.shippingTotal(),
            shippingRefunded,
            linesAfter != null ? linesAfter : state.lines());
    linesAfter = null;
    boolean clamp = delta < 0 && settings.negativeBalance() == NegativeBalance.CLAMP_TO_ZERO;
    changes.add(new OrderChange(key, delta == 0 ? null : kind, delta, note, after, restore, clamp));
    state = after;
  }

  private Set<String> withKey(String key) {
    Set<String> keys = new HashSet<>(state.appliedEventKeys());
    keys.add(key);
    return keys;
  }

  private static String money(BigDecimal amount) {
    return amount == null
        ? "0.00"
        : amount.setScale(2, java.math.RoundingMode.HALF_UP).toPlainString();
  }
}
