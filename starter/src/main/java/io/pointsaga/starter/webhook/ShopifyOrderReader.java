package io.pointsaga.starter.webhook;

import static io.pointsaga.starter.webhook.ShopifyMoney.rounded;
import static io.pointsaga.starter.webhook.ShopifyMoney.sum;

import io.pointsaga.order.OrderLine;
import io.pointsaga.order.OrderSnapshot;
import java.math.BigDecimal;

/** Shopify's REST Order resource, as orders/paid, orders/updated and orders/cancelled send it. */
final class ShopifyOrderReader {

  private ShopifyOrderReader() {}

  static OrderSnapshot read(PayloadField order) {
    return new OrderSnapshot(
        order.field("id").id(),
        order.field("customer").field("id").optionalId(),
        order.field("currency").text(),
        order.field("line_items").requiredElements().stream()
            .map(ShopifyOrderReader::line)
            .toList(),
        order.field("discount_codes").elements().stream()
            .map(code -> code.field("code").text())
            .toList(),
        order.field("financial_status").optionalText(),
        !order.field("cancelled_at").isAbsent(),
        order.field("refunds").elements().stream().map(ShopifyRefundReader::read).toList(),
        shipping(order));
  }

  /**
   * Shipping charged, after shipping discounts: {@code total_shipping_price_set.shop_money.amount}
   * when present, else the sum of {@code shipping_lines[]} prices less their discount allocations.
   */
  private static BigDecimal shipping(PayloadField order) {
    PayloadField total =
        order.field("total_shipping_price_set").field("shop_money").field("amount");
    if (!total.isAbsent()) {
      return rounded(total.amount());
    }
    return rounded(
        sum(
            order.field("shipping_lines").elements().stream()
                .map(
                    line ->
                        line.field("price")
                            .amount()
                            .subtract(
                                sum(
                                    line.field("discount_allocations").elements().stream()
                                        .map(a -> a.field("amount").amount()))))));
  }

  /**
   * {@code price} is the unit price before discounts; {@code discount_allocations[]} hold the
   * line's share of every discount (line-level and order-level). Shipping and taxes are not part of
   * a line.
   */
  private static OrderLine line(PayloadField item) {
    String lineItemId = item.field("id").id();
    BigDecimal quantity = BigDecimal.valueOf(item.field("quantity").nonNegativeInt());
    BigDecimal amountBeforeDiscounts = item.field("price").amount().multiply(quantity);
    BigDecimal discountsAllocated =
        sum(
            item.field("discount_allocations").elements().stream()
                .map(allocation -> allocation.field("amount").amount()));
    return new OrderLine(lineItemId, rounded(amountBeforeDiscounts.subtract(discountsAllocated)));
  }
}
