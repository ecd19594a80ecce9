package io.pointsaga.order;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * An order as the points ledger knows it.
 *
 * @param effectiveSpend null until the order's payment is known
 * @param refundedAmount effective amount refunded so far (store credit excluded unless a setting
 *     says otherwise), never more than the spend
 * @param awardedRate the Place-an-order rate used when the points were awarded (AWARDED clawbacks)
 * @param pointsHeld points the customer still holds from this order
 * @param appliedEventKeys business events already applied to this order
 * @param shippingTotal shipping charged on the order
 * @param shippingRefunded shipping refunded so far: until it reaches the total, the order is not
 *     fully refunded even when every line was
 * @param lines the order's line items with what was paid and refunded of each; before the payment
 *     only lines refunded early; null when not recorded (orders paid before line items were kept,
 *     and histories recorded before then), so refunds cannot be checked line by line
 * @param pointsPending points earned on the order that wait for the shop's pending period to pass
 *     (SPEC §13): not in the balance, not spendable; refunds reduce them, the saga approves the
 *     rest
 * @param pendingUntil when the pending points are approved; null when none are pending
 */
public record OrderState(
    String orderId,
    String customerId,
    String currency,
    BigDecimal effectiveSpend,
    BigDecimal refundedAmount,
    BigDecimal awardedRate,
    long pointsEarned,
    long pointsHeld,
    OrderStatus status,
    List<String> discountCodes,
    Set<String> appliedEventKeys,
    BigDecimal shippingTotal,
    BigDecimal shippingRefunded,
    List<OrderLineState> lines,
    long pointsPending,
    Instant pendingUntil) {

  public OrderState {
    shippingTotal = shippingTotal == null ? NO_MONEY : shippingTotal;
    shippingRefunded = shippingRefunded == null ? NO_MONEY : shippingRefunded;
    refundedAmount = refundedAmount == null ? BigDecimal.ZERO : refundedAmount;
    status = status == null ? OrderStatus.OPEN : status;
    discountCodes = discountCodes == null ? List.of() : List.copyOf(discountCodes);
    appliedEventKeys = appliedEventKeys == null ? Set.of() : Set.copyOf(appliedEventKeys);
    lines = lines == null ? null : List.copyOf(lines);
  }

  /** An order without pending points. */
  public OrderState(
      String orderId,
      String customerId,
      String currency,
      BigDecimal effectiveSpend,
      BigDecimal refundedAmount,
      BigDecimal awardedRate,
      long pointsEarned,
      long pointsHeld,
      OrderStatus status,
      List<String> discountCodes,
      Set<String> appliedEventKeys,
      BigDecimal shippingTotal,
      BigDecimal shippingRefunded,
      List<OrderLineState> lines) {
    this(
        orderId,
        customerId,
        currency,
        effectiveSpend,
        refundedAmount,
        awardedRate,
        pointsEarned,
        pointsHeld,
        status,
        discountCodes,
        appliedEventKeys,
        shippingTotal,
        shippingRefunded,
        lines,
        0,
        null);
  }

  /** An order whose line items are not recorded. */
  public OrderState(
      String orderId,
      String customerId,
      String currency,
      BigDecimal effectiveSpend,
      BigDecimal refundedAmount,
      BigDecimal awardedRate,
      long pointsEarned,
      long pointsHeld,
      OrderStatus status,
      List<String> discountCodes,
      Set<String> appliedEventKeys,
      BigDecimal shippingTotal,
      BigDecimal shippingRefunded) {
    this(
        orderId,
        customerId,
        currency,
        effectiveSpend,
        refundedAmount,
        awardedRate,
        pointsEarned,
        pointsHeld,
        status,
        discountCodes,
        appliedEventKeys,
        shippingTotal,
        shippingRefunded,
        null);
  }

  private static final BigDecimal NO_MONEY = new BigDecimal("0.00");

  /** An order without shipping. */
  public OrderState(
      String orderId,
      String customerId,
      String currency,
      BigDecimal effectiveSpend,
      BigDecimal refundedAmount,
      BigDecimal awardedRate,
      long pointsEarned,
      long pointsHeld,
      OrderStatus status,
      List<String> discountCodes,
      Set<String> appliedEventKeys) {
    this(
        orderId,
        customerId,
        currency,
        effectiveSpend,
        refundedAmount,
        awardedRate,
        pointsEarned,
        pointsHeld,
        status,
        discountCodes,
        appliedEventKeys,
        NO_MONEY,
        NO_MONEY);
  }

  public static OrderState unknown(String orderId) {
    return new OrderState(
        orderId,
        null,
        null,
        null,
        BigDecimal.ZERO,
        null,
        0,
        0,
        OrderStatus.OPEN,
        null,
        null,
        NO_MONEY,
        NO_MONEY,
        List.of());
  }

  /** The order was paid with its line items recorded: refunds can be checked line by line. */
  public boolean linesKnown() {
    return paid() && lines != null;
  }

  /** The recorded line, if any. */
  public java.util.Optional<OrderLineState> line(String lineItemId) {
    return lines == null
        ? java.util.Optional.empty()
        : lines.stream().filter(l -> l.lineItemId().equals(lineItemId)).findFirst();
  }

  public boolean paid() {
    return effectiveSpend != null;
  }

  /** Every line and all the shipping came back. */
  public boolean fullyRefunded() {
    return paid()
        && refundedAmount.compareTo(effectiveSpend) >= 0
        && shippingRefunded.compareTo(shippingTotal) >= 0;
  }

  /** Points from this order the customer holds or will hold: in the balance or pending. */
  public long pointsFromOrder() {
    return pointsHeld + pointsPending;
  }

  /** Points wait for approval. */
  public boolean pending() {
    return pointsPending > 0 && pendingUntil != null;
  }

  public boolean applied(String eventKey) {
    return appliedEventKeys.contains(eventKey);
  }
}
