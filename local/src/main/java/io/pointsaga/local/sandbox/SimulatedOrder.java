package io.pointsaga.local.sandbox;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * A paid order on a simulated Shopify shop, with its refunds. Amounts are computed as Shopify does:
 * a fixed discount is spread across the lines in proportion to their price (the remainder cent goes
 * to the largest line), and a refund's subtotal is the refunded units' share of the line net of its
 * discount. Guarded by its shop: every call happens under the shop's lock.
 */
final class SimulatedOrder {

  /** One line as ordered; {@code discountAllocated} is the line's share of the order discounts. */
  record LineItem(long id, BigDecimal price, int quantity, BigDecimal discountAllocated) {
    BigDecimal amountBeforeDiscounts() {
      return price.multiply(BigDecimal.valueOf(quantity));
    }

    BigDecimal amountAfterDiscounts() {
      return amountBeforeDiscounts().subtract(discountAllocated);
    }
  }

  /** A code the checkout applied, with the amount it took off the order. */
  record AppliedCode(String code, BigDecimal amount) {}

  record RefundLine(long lineItemId, int quantity, BigDecimal subtotal) {}

  record Refund(
      long id, long orderId, List<RefundLine> lines, BigDecimal shipping, Instant createdAt) {
    BigDecimal amount() {
      return lines.stream().map(RefundLine::subtotal).reduce(shipping, BigDecimal::add);
    }
  }

  /** What a refund asks for: {@code quantity} units of the line item. */
  record RefundRequestLine(long lineItemId, int quantity) {}

  private final long id;
  private final String customerId;
  private final String currency;
  private final List<LineItem> lineItems;
  private final List<AppliedCode> codes;
  private final BigDecimal shipping;
  private final Instant createdAt;
  private final Map<Long, Integer> quantitiesRefunded = new HashMap<>();
  private final List<Refund> refunds = new ArrayList<>();
  private boolean shippingRefunded;
  private Instant cancelledAt;

  private SimulatedOrder(
      long id,
      String customerId,
      String currency,
      List<LineItem> lineItems,
      List<AppliedCode> codes,
      BigDecimal shipping,
      Instant createdAt) {
    this.id = id;
    this.customerId = customerId;
    this.currency = currency;
    this.lineItems = List.copyOf(lineItems);
    this.codes = List.copyOf(codes);
    this.shipping = shipping;
    this.createdAt = createdAt;
  }

  /**
   * A paid order: each code's fixed amount (at most what is left of the lines) is allocated across
   * the lines in proportion to their price.
   */
  static SimulatedOrder paid(
      LongSupplier newId,
      String customerId,
      String currency,
      List<BigDecimal> prices,
      List<Integer> quantities,
      List<SimulatedDiscountCode> discountCodes,
      BigDecimal shipping,
      Instant now) {
    int n = prices.size();
    BigDecimal[] beforeDiscounts = new BigDecimal[n];
    BigDecimal[] allocated = new BigDecimal[n];
    BigDecimal subtotal = BigDecimal.ZERO;
    for (int i = 0; i < n; i++) {
      beforeDiscounts[i] = prices.get(i).multiply(BigDecimal.valueOf(quantities.get(i)));
      allocated[i] = BigDecimal.ZERO.setScale(2);
      subtotal = subtotal.add(beforeDiscounts[i]);
    }
    List<AppliedCode> applied = new ArrayList<>();
    BigDecimal left = subtotal;
    for (SimulatedDiscountCode code : discountCodes) {
      BigDecimal amount = code.amount().min(left).setScale(2, RoundingMode.HALF_UP);
      allocate(amount, beforeDiscounts, subtotal, allocated);
      left = left.subtract(amount);
      applied.add(new AppliedCode(code.code(), amount));
    }
    List<LineItem> items = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      items.add(
          new LineItem(
              newId.getAsLong(),
              prices.get(i).setScale(2, RoundingMode.UNNECESSARY),
              quantities.get(i),
              allocated[i]));
    }
    return new SimulatedOrder(
        newId.getAsLong(),
        customerId,
        currency,
        items,
        applied,
        shipping.setScale(2, RoundingMode.UNNECESSARY),
        now);
  }

  /**
   * Adds to {@code allocated} each line's floor-to-the-cent share; the remainder to the largest.
   */
  private static void allocate(
      BigDecimal amount,
      BigDecimal[] beforeDiscounts,
      BigDecimal subtotal,
      BigDecimal[] allocated) {
    if (amount.signum() == 0 || subtotal.signum() == 0) {
      return;
    }
    BigDecimal spread = BigDecimal.ZERO;
    int largest = 0;
    for (int i = 0; i < beforeDiscounts.length; i++) {
      BigDecimal share =
          amount.multiply(beforeDiscounts[i]).divide(subtotal, 2, RoundingMode.FLOOR);
      allocated[i] = allocated[i].add(share);
      spread = spread.add(share);
      if (beforeDiscounts[i].compareTo(beforeDiscounts[largest]) > 0) {
        largest = i;
      }
    }
    allocated[largest] = allocated[largest].add(amount.subtract(spread));
  }

  /**
   * Refunds the units (subtotals net of discounts, proportional per unit) and, when asked, the
   * shipping not refunded yet; refuses more units than the order has left.
   */
  Refund refund(
      List<RefundRequestLine> requested, boolean refundShipping, LongSupplier newId, Instant now) {
    Map<Long, Integer> asked = new HashMap<>();
    for (RefundRequestLine line : requested) {
      LineItem item = lineItem(line.lineItemId());
      int total = asked.merge(item.id(), line.quantity(), Integer::sum);
      int left = item.quantity() - quantitiesRefunded.getOrDefault(item.id(), 0);
      if (total > left) {
        throw InvalidSandboxRequestException.invalidField(
            "lines",
            "line item %d of order %d has %d unit(s) left to refund, %d asked"
                .formatted(item.id(), id, left, total));
      }
    }
    if (refundShipping && shippingRefunded) {
      throw InvalidSandboxRequestException.invalidField(
          "shipping", "the shipping of order " + id + " was refunded already");
    }
    if (asked.isEmpty() && !refundShipping) {
      throw InvalidSandboxRequestException.invalidField(
          "lines", "a refund needs at least one line or \"shipping\": true");
    }
    List<RefundLine> lines = new ArrayList<>();
    for (Map.Entry<Long, Integer> entry : asked.entrySet()) {
      LineItem item = lineItem(entry.getKey());
      int before = quantitiesRefunded.getOrDefault(item.id(), 0);
      int after = before + entry.getValue();
      BigDecimal subtotal = netShare(item, after).subtract(netShare(item, before));
      lines.add(new RefundLine(item.id(), entry.getValue(), subtotal));
      quantitiesRefunded.put(item.id(), after);
    }
    lines.sort((a, b) -> Long.compare(a.lineItemId(), b.lineItemId()));
    BigDecimal shippingAmount = refundShipping ? shipping : BigDecimal.ZERO.setScale(2);
    shippingRefunded |= refundShipping;
    Refund refund = new Refund(newId.getAsLong(), id, List.copyOf(lines), shippingAmount, now);
    refunds.add(refund);
    return refund;
  }

  /** The line's amount after discounts for {@code units} of its units, to the cent. */
  private static BigDecimal netShare(LineItem item, int units) {
    return item.amountAfterDiscounts()
        .multiply(BigDecimal.valueOf(units))
        .divide(BigDecimal.valueOf(item.quantity()), 2, RoundingMode.HALF_UP);
  }

  /** Refunds every unit and the shipping not refunded yet; empty when nothing is left. */
  Optional<Refund> refundTheRest(LongSupplier newId, Instant now) {
    List<RefundRequestLine> left = new ArrayList<>();
    for (LineItem item : lineItems) {
      int units = item.quantity() - quantitiesRefunded.getOrDefault(item.id(), 0);
      if (units > 0) {
        left.add(new RefundRequestLine(item.id(), units));
      }
    }
    boolean shippingLeft = !shippingRefunded && shipping.signum() > 0;
    if (left.isEmpty() && !shippingLeft) {
      return Optional.empty();
    }
    return Optional.of(refund(left, shippingLeft, newId, now));
  }

  /** Cancels the order; false when it was cancelled already. */
  boolean cancel(Instant now) {
    if (cancelledAt != null) {
      return false;
    }
    cancelledAt = now;
    return true;
  }

  private LineItem lineItem(long lineItemId) {
    return lineItems.stream()
        .filter(item -> item.id() == lineItemId)
        .findFirst()
        .orElseThrow(
            () ->
                InvalidSandboxRequestException.invalidField(
                    "lines", "order " + id + " has no line item " + lineItemId));
  }

  long id() {
    return id;
  }

  String customerId() {
    return customerId;
  }

  String currency() {
    return currency;
  }

  List<LineItem> lineItems() {
    return lineItems;
  }

  List<AppliedCode> codes() {
    return codes;
  }

  BigDecimal shipping() {
    return shipping;
  }

  Instant createdAt() {
    return createdAt;
  }

  List<Refund> refunds() {
    return Collections.unmodifiableList(new ArrayList<>(refunds));
  }

  Optional<Instant> cancelledAt() {
    return Optional.ofNullable(cancelledAt);
  }
}
