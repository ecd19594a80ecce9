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

  static RefundSnapshot read(PayloadField refund) {
    String refundId = refund.field("id").id();
    List<RefundLine> lines =
        refund.field("refund_line_items").elements().stream()
            .map(ShopifyRefundReader::line)
            .toList();
    return new RefundSnapshot(refundId, lines, shippingRefunded(refund), storeCredit(refund));
  }

  /** {@code subtotal} is already net of the line's discount allocations (SPEC §3). */
  private static RefundLine line(PayloadField item) {
    return new RefundLine(
        item.field("line_item_id").id(), rounded(item.field("subtotal").amount()));
  }

  /**
   * API 2024-10 and later list shipping refunds in {@code refund_shipping_lines[]}; earlier
   * versions as {@code order_adjustments[]} of kind {@code shipping_refund}, with negative amounts.
   * Only one of the two is read, so a payload carrying both is not counted twice.
   */
  private static BigDecimal shippingRefunded(PayloadField refund) {
    List<PayloadField> shippingLines = refund.field("refund_shipping_lines").elements();
    if (!shippingLines.isEmpty()) {
      return rounded(sum(shippingLines.stream().map(ShopifyRefundReader::shippingLineAmount)));
    }
    BigDecimal adjustments =
        sum(
            refund.field("order_adjustments").elements().stream()
                .filter(ShopifyRefundReader::isShippingRefund)
                .map(adjustment -> adjustment.field("amount").amount()));
    return rounded(adjustments.negate());
  }

  private static boolean isShippingRefund(PayloadField adjustment) {
    return "shipping_refund".equals(adjustment.field("kind").optionalText());
  }

  /** In the shop's currency, like the order's line items. */
  private static BigDecimal shippingLineAmount(PayloadField shippingLine) {
    return shippingLine.field("subtotal_amount_set").field("shop_money").field("amount").amount();
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
