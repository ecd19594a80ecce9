package io.pointsaga.starter.webhook;

import static io.pointsaga.starter.webhook.ShopifyMoney.rounded;
import static io.pointsaga.starter.webhook.ShopifyMoney.sum;

import io.pointsaga.order.RefundLine;
import io.pointsaga.order.RefundSnapshot;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Shopify's REST Refund resource, as refunds/create sends it and an order's refunds[] hold it. */
final class ShopifyRefundReader {

  private static final Set<String> STORE_CREDIT_GATEWAYS =
      Set.of("store-credit", "store_credit", "shopify_store_credit");
  private static final Set<String> FAILED_TRANSACTION_STATUSES = Set.of("failure", "error");

  private ShopifyRefundReader() {}

  static RefundSnapshot read(PayloadField refund, ShopMoneyRules money) {
    String refundId = refund.field("id").id();
    PayloadField items = refund.field("refund_line_items");
    List<RefundLine> lines = items.elements().stream().map(item -> line(item, money)).toList();
    money.total(items, sum(lines.stream().map(RefundLine::subtotal)));
    return new RefundSnapshot(
        refundId, lines, shippingRefunded(refund, money), storeCredit(refund));
  }

  /** {@code subtotal} is already net of the line's discount allocations (SPEC §3); at least 0. */
  private static RefundLine line(PayloadField item, ShopMoneyRules money) {
    return new RefundLine(
        item.field("line_item_id").id(), rounded(money.nonNegative(item.field("subtotal"))));
  }

  /**
   * API 2024-10 and later list shipping refunds in {@code refund_shipping_lines[]}; earlier
   * versions as {@code order_adjustments[]} of kind {@code shipping_refund}, with negative amounts.
   * Only one of the two is read, so a payload carrying both is not counted twice.
   */
  private static BigDecimal shippingRefunded(PayloadField refund, ShopMoneyRules money) {
    PayloadField shippingLines = refund.field("refund_shipping_lines");
    if (!shippingLines.elements().isEmpty()) {
      return rounded(
          money.total(
              shippingLines,
              sum(shippingLines.elements().stream().map(line -> shippingLineAmount(line, money)))));
    }
    PayloadField adjustments = refund.field("order_adjustments");
    BigDecimal shipping =
        sum(
            adjustments.elements().stream()
                .filter(ShopifyRefundReader::isShippingRefund)
                .map(adjustment -> money.nonPositive(adjustment.field("amount"))));
    return rounded(money.total(adjustments, shipping.negate()));
  }

  private static boolean isShippingRefund(PayloadField adjustment) {
    return "shipping_refund".equals(adjustment.field("kind").optionalText());
  }

  /** In the shop's currency, like the order's line items. */
  private static BigDecimal shippingLineAmount(PayloadField shippingLine, ShopMoneyRules money) {
    return money.nonNegative(
        shippingLine.field("subtotal_amount_set").field("shop_money").field("amount"));
  }

  /**
   * The money went to store credit: every refund transaction that did not fail went to a
   * store-credit gateway, and there is at least one. A refund without transactions is not.
   */
  private static boolean storeCredit(PayloadField refund) {
    List<String> gateways =
        refund.field("transactions").elements().stream()
            .filter(transaction -> "refund".equals(transaction.field("kind").optionalText()))
            .filter(transaction -> !failed(transaction))
            .map(transaction -> transaction.field("gateway").optionalText())
            .toList();
    return !gateways.isEmpty() && gateways.stream().allMatch(ShopifyRefundReader::isStoreCredit);
  }

  private static boolean failed(PayloadField transaction) {
    String status = transaction.field("status").optionalText();
    return status != null && FAILED_TRANSACTION_STATUSES.contains(status.toLowerCase(Locale.ROOT));
  }

  private static boolean isStoreCredit(String gateway) {
    return gateway != null && STORE_CREDIT_GATEWAYS.contains(gateway.toLowerCase(Locale.ROOT));
  }
}
