package io.pointsaga.order;

import io.pointsaga.ledger.EntryKind;
import io.pointsaga.order.OrderContext.CurrentRule;
import io.pointsaga.settings.ShopSettings;
import io.pointsaga.settings.ShopSettings.CancelOn;
import io.pointsaga.settings.ShopSettings.ClawbackRate;
import io.pointsaga.settings.ShopSettings.NegativeBalance;
import io.pointsaga.settings.ShopSettings.RestoreRedeemedPoints;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
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

  /** When the event is decided (workflow time); null: no pending period applies. */
  private final Instant now;

  /** The line items the change being recorded leaves; null: as they are. */
  private List<OrderLineState> linesAfter;

  /** The pending points the change being recorded leaves; null: as they are. */
  private Long pendingAfter;

  /** The change being recorded gives back coupon points in proportion (PROPORTIONAL). */
  private boolean restoreInProportion;

  private OrderPoints(OrderContext context, Instant now) {
    this.settings = context.settings();
    this.currentRule = context.currentRule();
    this.state = context.order();
    this.now = now;
  }

  /** The changes, in order; empty when the event changes nothing (or was applied before). */
  public static List<OrderChange> decide(OrderContext context, OrderEvent event) {
    return decision(context, event).changes();
  }

  /** As {@link #decide(OrderContext, OrderEvent)}, at {@code now}. */
  public static List<OrderChange> decide(OrderContext context, OrderEvent event, Instant now) {
    return decision(context, event, now).changes();
  }

  /** As {@link #decision(OrderContext, OrderEvent, Instant)} without a time: nothing is pending. */
  public static OrderDecision decision(OrderContext context, OrderEvent event) {
    return decision(context, event, null);
  }

  /**
   * The changes and the rejections of one event. Never throws on data: an event it cannot decide
   * (ids only, amounts beyond range, parts missing) is one rejection and no change.
   *
   * @param now the workflow's time: a payment's points are pending until now + pendingPeriod, and
   *     the pending period's end approves them; null: no pending period applies
   */
  public static OrderDecision decision(OrderContext context, OrderEvent event, Instant now) {
    OrderPoints decision = new OrderPoints(context, now);
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
        case ORDER_EDITED -> decision.edited(event.eventKey(), event.edit());
        case PENDING_PERIOD_ENDED -> decision.approve();
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
    boolean ruleOn = currentRule != null && currentRule.enabled();
    BigDecimal rate = ruleOn ? currentRule.pointsPerUnit() : BigDecimal.ZERO;
    List<OrderLineState> lines = paidLines(order);
    BigDecimal spend =
        PointsMath.effectiveSpend(order.lines())
            .add(editsBeforePayment(lines))
            .max(BigDecimal.ZERO);
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
    long pending = 0;
    Instant pendingUntil = null;
    Duration period = settings.pendingFor();
    if (held > 0 && now != null && !period.isZero()) {
      pending = held;
      held = 0;
      pendingUntil = now.plus(period);
      note +=
          " The points are pending until %s (pendingPeriod %s): they join the balance then and cannot be spent before."
              .formatted(pendingUntil, period);
    }
    boolean fullyRefundedFirst =
        state.status() == OrderStatus.OPEN
            && spend.signum() > 0
            && refunded.compareTo(spend) >= 0
            && state.shippingRefunded().compareTo(order.shippingTotal()) >= 0;
    boolean restore = false;
    boolean proportional =
        state.status() == OrderStatus.OPEN
            && order.customerId() != null
            && refunded.signum() > 0
            && restoresInProportion(order.discountCodes());
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
            lines,
            pending,
            pendingUntil);
    if (proportional && !restore) {
      note += " Points spent on its redeemed coupons come back in proportion to what was refunded.";
    }
    changes.add(
        new OrderChange(
            key,
            held > 0 ? EntryKind.EARN : null,
            held,
            note,
            after,
            restore,
            false,
            proportional && !restore));
    state = after;
  }

  /**
   * What edits that arrived before the payment add to (or take from) the paid lines' effective
   * spend; edits of lines the payment does not have are kept for a person.
   */
  private BigDecimal editsBeforePayment(List<OrderLineState> lines) {
    BigDecimal change = BigDecimal.ZERO;
    for (OrderLineState line : lines) {
      if (line.quantityEdited() == 0) {
        continue;
      }
      if (!line.onOrder() || line.quantity() == null) {
        rejections.add(
            new EventRejection(
                EARLY_EDITS_KEY,
                line.quantityEdited() > 0
                    ? EventRejection.Reason.EDIT_ADDITION_NOT_PRICED
                    : EventRejection.Reason.EDIT_BEYOND_LINES,
                null,
                line.lineItemId(),
                null,
                null,
                BigDecimal.valueOf(Math.abs(line.quantityEdited()))));
        continue;
      }
      change =
          change.add(
              PointsMath.lineAmountNow(
                      line.amountAfterDiscounts(), line.quantity(), line.quantityNow())
                  .subtract(line.amountAfterDiscounts()));
    }
    return change;
  }

  /** The event key under which edits counted short at the payment are kept for a person. */
  static final String EARLY_EDITS_KEY = "paid:edits-before-payment";

  /** The event key under which refunds counted short at the payment are kept for a person. */
  static final String EARLY_REFUNDS_KEY = "paid:refunds-before-payment";

  /**
   * The order's lines once paid: what each cost after its discounts, with what refunds that came
   * before the payment took of it. Early refunds of lines the order does not have stay, unpaid.
   */
  private List<OrderLineState> paidLines(OrderSnapshot order) {
    Map<String, BigDecimal[]> paid = new LinkedHashMap<>();
    Map<String, Integer> quantities = new LinkedHashMap<>();
    for (OrderLine line : order.lines()) {
      paid.merge(
          line.lineItemId(),
          new BigDecimal[] {line.amountBeforeDiscounts(), line.amountAfterDiscounts()},
          (a, b) -> new BigDecimal[] {a[0].add(b[0]), a[1].add(b[1])});
      boolean repeated = quantities.containsKey(line.lineItemId());
      Integer before = quantities.get(line.lineItemId());
      quantities.put(
          line.lineItemId(),
          repeated
              ? (before == null || line.quantity() == null ? null : before + line.quantity())
              : line.quantity());
    }
    Map<String, BigDecimal> refundedEarly = new LinkedHashMap<>();
    Map<String, Integer> editedEarly = new LinkedHashMap<>();
    if (state.lines() != null) {
      for (OrderLineState line : state.lines()) {
        refundedEarly.merge(line.lineItemId(), line.amountRefunded(), BigDecimal::add);
        editedEarly.merge(line.lineItemId(), line.quantityEdited(), Integer::sum);
      }
    }
    List<OrderLineState> lines = new ArrayList<>();
    paid.forEach(
        (id, amounts) ->
            lines.add(
                new OrderLineState(
                    id,
                    amounts[0],
                    amounts[1],
                    refundedEarly.getOrDefault(id, BigDecimal.ZERO),
                    quantities.get(id),
                    editedEarly.getOrDefault(id, 0))));
    refundedEarly.forEach(
        (id, amount) -> {
          if (!paid.containsKey(id)) {
            lines.add(
                new OrderLineState(id, null, null, amount, null, editedEarly.getOrDefault(id, 0)));
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
                            known.amountRefunded().add(amount),
                            known.quantity(),
                            known.quantityEdited())));
    return new ArrayList<>(lines.values());
  }

  private boolean restoresCouponPoints(List<String> discountCodes) {
    return settings.restoreRedeemedPoints() == RestoreRedeemedPoints.ON_FULL_REFUND
        && !discountCodes.isEmpty();
  }

  private boolean restoresInProportion(List<String> discountCodes) {
    return settings.restoreRedeemedPoints() == RestoreRedeemedPoints.PROPORTIONAL
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
      restoreInProportion = full && restoresInProportion(state.discountCodes());
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
      delta = Math.min(0, kept - state.pointsFromOrder());
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
    if (restoresInProportion(state.discountCodes())) {
      restoreInProportion = true;
      note +=
          " Points spent on its redeemed coupons come back in proportion to what was refunded (restoreRedeemedPoints PROPORTIONAL).";
    }
    long held = Math.max(0, state.pointsHeld() + delta);
    if (state.pending()) {
      pendingAfter = Math.max(0, state.pointsPending() + delta);
      note +=
          " These points were still pending: %d remain pending and the balance does not change."
              .formatted(pendingAfter);
      delta = 0;
      held = state.pointsHeld();
    }
    record(
        key,
        delta,
        EntryKind.REFUND_CLAWBACK,
        note,
        refunded,
        shippingRefunded,
        held,
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
        state.pending()
            ? "Order %s was %s: its %d pending points were cancelled before they joined the balance (cancelOn includes %s)."
                .formatted(order, word, state.pointsPending(), trigger.name())
            : "Order %s was %s: its remaining %d points were cancelled (cancelOn includes %s)."
                .formatted(order, word, held, trigger.name());
    pendingAfter = 0L;
    restoreInProportion =
        status == OrderStatus.REFUNDED && restoresInProportion(state.discountCodes());
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
    long pending = pendingAfter != null ? pendingAfter : state.pointsPending();
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
            linesAfter != null ? linesAfter : state.lines(),
            pending,
            pending > 0 ? state.pendingUntil() : null);
    linesAfter = null;
    pendingAfter = null;
    boolean proportional = restoreInProportion && !restore;
    restoreInProportion = false;
    boolean clamp = delta < 0 && settings.negativeBalance() == NegativeBalance.CLAMP_TO_ZERO;
    changes.add(
        new OrderChange(
            key, delta == 0 ? null : kind, delta, note, after, restore, clamp, proportional));
    state = after;
  }

  /**
   * The pending period passed (the saga's timer): the order's pending points join the balance, with
   * a new expiry counted from now. Nothing when none are pending (refunded or cancelled meanwhile),
   * when it was done before, or before the period's end.
   */
  private void approve() {
    String key = OrderEventKeys.PENDING_APPROVED_EVENT;
    if (state.applied(key) || !state.pending() || state.status() != OrderStatus.OPEN) {
      return;
    }
    if (now != null && now.isBefore(state.pendingUntil())) {
      return;
    }
    long points = state.pointsPending();
    pendingAfter = 0L;
    record(
        key,
        points,
        EntryKind.EARN,
        "Approved %d pending points of order %s into the balance: its pending period ended %s."
            .formatted(points, state.orderId(), state.pendingUntil()),
        state.refundedAmount(),
        state.shippingRefunded(),
        state.pointsHeld() + points,
        state.status(),
        false);
  }

  /**
   * An order edit (SPEC §13): units removed reduce the effective spend and the points by the
   * order's rule, as a refund does; units added to a line the order has earn at the same rule. An
   * edit before the payment is kept on the lines and counts when the payment arrives.
   */
  private void edited(String key, OrderEdit edit) {
    if (state.applied(key)) {
      return;
    }
    Map<String, Integer> deltas = new LinkedHashMap<>();
    for (OrderEdit.QuantityChange added : edit.additions()) {
      deltas.merge(added.lineItemId(), Math.abs(added.delta()), Integer::sum);
    }
    for (OrderEdit.QuantityChange removed : edit.removals()) {
      deltas.merge(removed.lineItemId(), -Math.abs(removed.delta()), Integer::sum);
    }
    String what = "Edit %s of order %s".formatted(edit.editId(), state.orderId());
    if (!state.paid()) {
      linesAfter = linesWithEdits(deltas);
      record(
          key,
          0,
          null,
          what + " arrived before the order's payment: it counts when the payment arrives.",
          state.refundedAmount(),
          state.shippingRefunded(),
          0,
          state.status(),
          false);
      return;
    }
    Map<String, Integer> priced = new LinkedHashMap<>();
    for (Map.Entry<String, Integer> change : deltas.entrySet()) {
      Optional<OrderLineState> line =
          state.linesKnown()
              ? state.line(change.getKey()).filter(l -> l.onOrder() && l.quantity() != null)
              : Optional.empty();
      int delta = change.getValue();
      if (delta < 0 && (line.isEmpty() || line.get().quantityNow() < -delta)) {
        rejections.add(
            new EventRejection(
                key,
                EventRejection.Reason.EDIT_BEYOND_LINES,
                null,
                change.getKey(),
                null,
                null,
                BigDecimal.valueOf(-delta)));
        return; // the whole edit: the ledger's idea of the order and the platform's differ
      }
      if (delta > 0 && line.isEmpty()) {
        rejections.add(
            new EventRejection(
                key,
                EventRejection.Reason.EDIT_ADDITION_NOT_PRICED,
                null,
                change.getKey(),
                null,
                null,
                BigDecimal.valueOf(delta)));
        continue;
      }
      if (delta != 0) {
        priced.put(change.getKey(), delta);
      }
    }
    BigDecimal removed = BigDecimal.ZERO;
    BigDecimal added = BigDecimal.ZERO;
    for (Map.Entry<String, Integer> change : priced.entrySet()) {
      OrderLineState line = state.line(change.getKey()).orElseThrow();
      BigDecimal before =
          PointsMath.lineAmountNow(
              line.amountAfterDiscounts(), line.quantity(), line.quantityNow());
      BigDecimal after =
          PointsMath.lineAmountNow(
              line.amountAfterDiscounts(),
              line.quantity(),
              Math.max(0, line.quantityNow() + change.getValue()));
      BigDecimal difference = after.subtract(before);
      if (difference.signum() < 0) {
        removed = removed.add(difference.negate());
      } else {
        added = added.add(difference);
      }
    }
    BigDecimal spend = state.effectiveSpend().subtract(removed).add(added).max(BigDecimal.ZERO);
    BigDecimal refunded = state.refundedAmount().min(spend);
    List<OrderLineState> lines = linesWithEdits(priced);
    String amounts =
        "%s: %s removed, %s added (effective value, before fulfilment); the order's effective spend is now %s."
            .formatted(what, money(removed), money(added), money(spend));
    long delta = 0;
    String rule = "";
    if (state.status() == OrderStatus.OPEN && state.customerId() != null) {
      if (settings.clawbackRate() == ClawbackRate.AWARDED) {
        long kept = PointsMath.pointsKept(state.awardedRate(), spend, refunded);
        delta = kept - state.pointsFromOrder();
        rule =
            " It keeps %d points at the awarded rate %s (clawbackRate AWARDED)."
                .formatted(kept, state.awardedRate().stripTrailingZeros().toPlainString());
      } else if (currentRule == null || !currentRule.enabled()) {
        rule =
            " No points change because the Place-an-order rule is %s (clawbackRate CURRENT_RULE)."
                .formatted(currentRule == null ? "deleted" : "disabled");
      } else {
        BigDecimal rate = currentRule.pointsPerUnit();
        delta = PointsMath.points(added, rate) - PointsMath.points(removed, rate);
        rule =
            " At the current Place-an-order rate %s (clawbackRate CURRENT_RULE)."
                .formatted(rate.stripTrailingZeros().toPlainString());
      }
    }
    String note = amounts + rule;
    if (delta < 0) {
      note += " %d points were removed.".formatted(-delta);
    } else if (delta > 0) {
      note += " %d points were earned.".formatted(delta);
    }
    long held = Math.max(0, state.pointsHeld() + delta);
    long pending = state.pointsPending();
    if (state.pending()) {
      pending = Math.max(0, pending + delta);
      note +=
          " The order's points are still pending: %d are pending now and the balance does not change."
              .formatted(pending);
      delta = 0;
      held = state.pointsHeld();
    }
    OrderState after =
        new OrderState(
            state.orderId(),
            state.customerId(),
            state.currency(),
            spend,
            refunded,
            state.awardedRate(),
            state.pointsEarned(),
            held,
            state.status(),
            state.discountCodes(),
            withKey(key),
            state.shippingTotal(),
            state.shippingRefunded(),
            lines,
            pending,
            pending > 0 ? state.pendingUntil() : null);
    boolean clamp = delta < 0 && settings.negativeBalance() == NegativeBalance.CLAMP_TO_ZERO;
    changes.add(
        new OrderChange(
            key,
            delta == 0 ? null : delta < 0 ? EntryKind.EDIT_CLAWBACK : EntryKind.EARN,
            delta,
            note,
            after,
            false,
            clamp));
    state = after;
  }

  /** The lines with the edits' units counted; a line the order does not know yet is added. */
  private List<OrderLineState> linesWithEdits(Map<String, Integer> deltas) {
    Map<String, OrderLineState> lines = new LinkedHashMap<>();
    if (state.lines() != null) {
      for (OrderLineState line : state.lines()) {
        lines.put(line.lineItemId(), line);
      }
    }
    deltas.forEach(
        (id, delta) ->
            lines.merge(
                id,
                new OrderLineState(id, null, null, BigDecimal.ZERO, null, delta),
                (known, edit) ->
                    new OrderLineState(
                        id,
                        known.amountBeforeDiscounts(),
                        known.amountAfterDiscounts(),
                        known.amountRefunded(),
                        known.quantity(),
                        known.quantityEdited() + delta)));
    return new ArrayList<>(lines.values());
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
