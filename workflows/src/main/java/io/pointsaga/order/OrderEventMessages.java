package io.pointsaga.order;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The words for order events that failed for good, kept apart from the decisions: the subject (the
 * business object with its platform id, SPEC §11) and the problem a person reads in the attention
 * queue.
 */
public final class OrderEventMessages {
  private OrderEventMessages() {}

  /** What the event is about, e.g. {@code refund 567 of order 1234}. */
  public static String subject(String orderId, OrderEvent event) {
    OrderEventKind kind = event.kind() == null ? OrderEventKind.STATUS_CHANGED : event.kind();
    return switch (kind) {
      case PAID -> "payment of order " + orderId;
      case REFUND_CREATED ->
          event.refund() == null
              ? "a refund of order " + orderId
              : "refund %s of order %s".formatted(event.refund().refundId(), orderId);
      case STATUS_CHANGED -> "status update of order " + orderId;
      case CANCELLED -> "cancellation of order " + orderId;
      case BIGCOMMERCE_STATUS_CHANGED -> "status update of order " + orderId;
      case BIGCOMMERCE_REFUND_CREATED ->
          "refund %s of order %s".formatted(event.platformRefundId(), orderId);
      case ORDER_EDITED ->
          event.edit() == null
              ? "an edit of order " + orderId
              : "edit %s of order %s".formatted(event.edit().editId(), orderId);
      case PENDING_PERIOD_ENDED -> "approval of the pending points of order " + orderId;
    };
  }

  /** What a rejection is about. */
  static String subject(String orderId, OrderEvent event, EventRejection rejection) {
    if (rejection.reason() == EventRejection.Reason.REFUNDED_BEFORE_PAYMENT_BEYOND_LINES) {
      return "refunds of order %s before its payment".formatted(orderId);
    }
    if (rejection.refundId() != null) {
      return "refund %s of order %s".formatted(rejection.refundId(), orderId);
    }
    return subject(orderId, event);
  }

  static String problem(String orderId, EventRejection rejection) {
    return switch (rejection.reason()) {
      case UNKNOWN_LINE_ITEM ->
          "It refunds %s of line item %s, which order %s does not have. No points were changed."
              .formatted(money(rejection.amount()), rejection.lineItemId(), orderId);
      case MORE_THAN_PAID ->
          ("It refunds %s of line item %s, whose price was %s and which had %s refunded"
                  + " already: more than was paid for it. No points were changed.")
              .formatted(
                  money(rejection.amount()),
                  rejection.lineItemId(),
                  money(rejection.amountPaid()),
                  money(rejection.amountRefundedBefore()));
      case MORE_THAN_ORDER_PAID ->
          ("It refunds %s, while order %s was paid %s (without shipping) and had %s refunded"
                  + " already: more than was paid. No points were changed.")
              .formatted(
                  money(rejection.amount()),
                  orderId,
                  money(rejection.amountPaid()),
                  money(rejection.amountRefundedBefore()));
      case REFUNDED_BEFORE_PAYMENT_BEYOND_LINES ->
          ("Refunds that arrived before the payment name line items the order does not have, or"
                  + " more than was paid for them: %s of them was not counted. The payment's"
                  + " points were awarded on the rest.")
              .formatted(money(rejection.amount()));
      case NOT_RESOLVED ->
          "The event carries ids only and was not fetched from the platform. No points were changed.";
      case OUT_OF_RANGE ->
          "Its amounts give more points than the ledger can keep. No points were changed.";
      case INVALID_EVENT -> "It lacks what deciding its points needs. No points were changed.";
      case EDIT_BEYOND_LINES ->
          ("It removes %s unit(s) of line item %s, which order %s does not have that many of (or"
                  + " whose units are not known). The edit was not applied; no points were"
                  + " changed.")
              .formatted(units(rejection.amount()), rejection.lineItemId(), orderId);
      case EDIT_ADDITION_NOT_PRICED ->
          ("It adds %s unit(s) of line item %s, which order %s did not have: the edit does not"
                  + " say its price, so it earned no points. The rest of the edit was applied;"
                  + " adjust the customer's points by hand if the new item should earn.")
              .formatted(units(rejection.amount()), rejection.lineItemId(), orderId);
    };
  }

  /** A step that failed for good: its business message says why. */
  static String stepFailed(String step, String why) {
    return "%s failed for good: %s.".formatted(step, why);
  }

  /** A platform step was stopped, or refused, because the shop uninstalled PointSaga. */
  static String shopUninstalled(String step) {
    return ("%s was stopped: the shop uninstalled PointSaga, so the platform is no longer called."
            + " No points were changed; reinstall the shop and retry this event to apply it.")
        .formatted(step);
  }

  private static String units(BigDecimal units) {
    return units == null ? "?" : units.toPlainString();
  }

  private static String money(BigDecimal amount) {
    return amount == null ? "0.00" : amount.setScale(2, RoundingMode.HALF_UP).toPlainString();
  }
}
