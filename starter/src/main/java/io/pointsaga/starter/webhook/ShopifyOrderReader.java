package io.pointsaga.starter.webhook;

import static io.pointsaga.starter.webhook.ShopifyMoney.rounded;
import static io.pointsaga.starter.webhook.ShopifyMoney.sum;

import io.pointsaga.order.OrderLine;
import io.pointsaga.order.OrderSnapshot;
import java.math.BigDecimal;
import java.util.List;

/**
 * Shopify's REST Order resource, as orders/paid, orders/updated and orders/cancelled send it.
 * Amounts follow the shop's money rules (SPEC §8); a payload that breaks them is invalid.
 */
final class ShopifyOrderReader {

  private ShopifyOrderReader() {}

  static OrderSnapshot read(PayloadField order, ShopMoneyRules money) {
    String orderId = order.field("id").id();
    String customerId = order.field("customer").field("id").optionalId();
    String currency = money.orderCurrency(order.field("currency"));
    PayloadField items = order.field("line_items");
    List<OrderLine> lines =
        items.requiredElements().stream().map(item -> line(item, money)).toList();
    money.total(
        items, sum(lines.stream().map(OrderLine::amountBeforeDiscounts))); // the spend is stored
    return new OrderSnapshot(
        orderId,
        customerId,
        currency,
        lines,
        order.field("discount_codes").elements().stream()
            .map(code -> code.field("code").text())
            .toList(),
        order.field("financial_status").optionalText(),
        !order.field("cancelled_at").isAbsent(),
        order.field("refunds").elements().stream()
            .map(refund -> ShopifyRefundReader.read(refund, money))
            .toList(),
        shipping(order, money));
  }

  /**
   * Shipping charged, after shipping discounts: {@code total_shipping_price_set.shop_money.amount}
   * when present, else the sum of {@code shipping_lines[]} prices less their discount allocations.
   */
  private static BigDecimal shipping(PayloadField order, ShopMoneyRules money) {
    PayloadField total =
        order.field("total_shipping_price_set").field("shop_money").field("amount");
    if (!total.isAbsent()) {
      return rounded(money.nonNegative(total));
    }
    PayloadField lines = order.field("shipping_lines");
    BigDecimal shipping = BigDecimal.ZERO;
    for (PayloadField line : lines.elements()) {
      BigDecimal price = money.nonNegative(line.field("price"));
      BigDecimal discounts =
          sum(
              line.field("discount_allocations").elements().stream()
                  .map(a -> money.nonNegative(a.field("amount"))));
      BigDecimal charged = price.subtract(discounts);
      if (charged.signum() < 0) {
        throw line.invalid("has discounts larger than its price");
      }
      shipping = shipping.add(charged);
    }
    return rounded(money.total(lines, shipping));
  }

  /**
   * {@code price} is the unit price before discounts; {@code discount_allocations[]} hold the
   * line's share of every discount (line-level and order-level). Shipping and taxes are not part of
   * a line.
   */
  private static OrderLine line(PayloadField item, ShopMoneyRules money) {
    String lineItemId = item.field("id").id();
    int units = item.field("quantity").boundedInt(ShopMoneyRules.MAX_QUANTITY);
    BigDecimal quantity = BigDecimal.valueOf(units);
    BigDecimal amountBeforeDiscounts =
        money.total(item, money.nonNegative(item.field("price")).multiply(quantity));
    BigDecimal discountsAllocated =
        sum(
            item.field("discount_allocations").elements().stream()
                .map(allocation -> money.nonNegative(allocation.field("amount"))));
    BigDecimal amountAfterDiscounts = amountBeforeDiscounts.subtract(discountsAllocated);
    if (amountAfterDiscounts.signum() < 0) {
      throw item.invalid("has discount allocations larger than its price");
    }
    return new OrderLine(
        lineItemId, rounded(amountAfterDiscounts), rounded(amountBeforeDiscounts), units);
  }
}
