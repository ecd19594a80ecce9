package io.pointsaga.local.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;

/**
 * The REST Order and Refund resources Shopify sends in orders/paid, orders/cancelled and
 * refunds/create (API 2024-10 and later: shipping refunds in {@code refund_shipping_lines}), built
 * from a simulated order. Money as strings with two decimals, as Shopify writes it.
 */
final class ShopifyRestPayloads {

  private final ObjectMapper json;

  ShopifyRestPayloads(ObjectMapper json) {
    this.json = json;
  }

  ObjectNode order(SimulatedOrder order) {
    ObjectNode node = json.createObjectNode();
    node.put("id", order.id());
    node.put("admin_graphql_api_id", "gid://shopify/Order/" + order.id());
    node.put("name", "#" + order.id());
    putId(node.putObject("customer"), order.customerId());
    node.put("currency", order.currency());
    node.put("presentment_currency", order.currency());
    node.put("created_at", order.createdAt().toString());
    node.put("updated_at", order.cancelledAt().orElse(order.createdAt()).toString()); // last change
    node.put("financial_status", financialStatus(order));
    if (order.cancelledAt().isPresent()) {
      node.put("cancelled_at", order.cancelledAt().get().toString());
      node.put("cancel_reason", "customer");
    } else {
      node.putNull("cancelled_at");
    }
    ArrayNode items = node.putArray("line_items");
    BigDecimal subtotal = BigDecimal.ZERO;
    BigDecimal discounts = BigDecimal.ZERO;
    for (SimulatedOrder.LineItem item : order.lineItems()) {
      ObjectNode line = items.addObject();
      line.put("id", item.id());
      line.put("admin_graphql_api_id", "gid://shopify/LineItem/" + item.id());
      line.put("price", money(item.price()));
      line.put("quantity", item.quantity());
      line.put("total_discount", "0.00");
      ArrayNode allocations = line.putArray("discount_allocations");
      if (item.discountAllocated().signum() > 0) {
        allocations
            .addObject()
            .put("amount", money(item.discountAllocated()))
            .put("discount_application_index", 0);
      }
      subtotal = subtotal.add(item.amountAfterDiscounts());
      discounts = discounts.add(item.discountAllocated());
    }
    ArrayNode codes = node.putArray("discount_codes");
    for (SimulatedOrder.AppliedCode code : order.codes()) {
      codes
          .addObject()
          .put("code", code.code())
          .put("amount", money(code.amount()))
          .put("type", "fixed_amount");
    }
    ArrayNode shippingLines = node.putArray("shipping_lines");
    if (order.shipping().signum() > 0) {
      shippingLines
          .addObject()
          .put("title", "Standard")
          .put("price", money(order.shipping()))
          .putArray("discount_allocations");
    }
    node.putObject("total_shipping_price_set")
        .putObject("shop_money")
        .put("amount", money(order.shipping()))
        .put("currency_code", order.currency());
    node.put("subtotal_price", money(subtotal));
    node.put("total_discounts", money(discounts));
    node.put("total_price", money(subtotal.add(order.shipping())));
    ArrayNode refunds = node.putArray("refunds");
    order.refunds().forEach(refund -> refunds.add(refund(refund, order.currency())));
    return node;
  }

  ObjectNode refund(SimulatedOrder.Refund refund, String currency) {
    ObjectNode node = json.createObjectNode();
    node.put("id", refund.id());
    node.put("admin_graphql_api_id", "gid://shopify/Refund/" + refund.id());
    node.put("order_id", refund.orderId());
    node.put("created_at", refund.createdAt().toString());
    node.put("processed_at", refund.createdAt().toString());
    ArrayNode lines = node.putArray("refund_line_items");
    for (SimulatedOrder.RefundLine line : refund.lines()) {
      lines
          .addObject()
          .put("id", refund.id() * 10 + lines.size())
          .put("line_item_id", line.lineItemId())
          .put("quantity", line.quantity())
          .put("restock_type", "no_restock")
          .put("subtotal", money(line.subtotal()))
          .put("total_tax", "0.00");
    }
    ArrayNode shipping = node.putArray("refund_shipping_lines");
    if (refund.shipping().signum() > 0) {
      shipping
          .addObject()
          .putObject("subtotal_amount_set")
          .putObject("shop_money")
          .put("amount", money(refund.shipping()))
          .put("currency_code", currency);
    }
    node.putArray("order_adjustments");
    ArrayNode transactions = node.putArray("transactions");
    if (refund.amount().signum() > 0) {
      transactions
          .addObject()
          .put("id", refund.id())
          .put("order_id", refund.orderId())
          .put("kind", "refund")
          .put("gateway", "manual")
          .put("status", "success")
          .put("amount", money(refund.amount()))
          .put("currency", currency);
    }
    return node;
  }

  /** paid, partially_refunded or refunded, from what the refunds gave back. */
  static String financialStatus(SimulatedOrder order) {
    BigDecimal refunded =
        order.refunds().stream()
            .map(SimulatedOrder.Refund::amount)
            .reduce(BigDecimal.ZERO, BigDecimal::add);
    if (refunded.signum() == 0) {
      return "paid";
    }
    BigDecimal total =
        order.lineItems().stream()
            .map(SimulatedOrder.LineItem::amountAfterDiscounts)
            .reduce(order.shipping(), BigDecimal::add);
    return refunded.compareTo(total) >= 0 ? "refunded" : "partially_refunded";
  }

  /** Shopify's REST ids are numbers; a customer id that does not fit a long stays a string. */
  private static void putId(ObjectNode node, String id) {
    try {
      node.put("id", Long.parseLong(id));
    } catch (NumberFormatException e) {
      node.put("id", id);
    }
  }

  private static String money(BigDecimal amount) {
    return amount.setScale(2, RoundingMode.UNNECESSARY).toPlainString();
  }

  /**
   * Shopify's {@code orders/edited} payload: {@code {"order_edit": {"id", "order_id", "line_items":
   * {"additions": [{"id", "delta"}], "removals": [...]}, ...}}}, without prices.
   */
  ObjectNode orderEdit(
      long editId, long orderId, List<long[]> additions, List<long[]> removals, Instant at) {
    ObjectNode root = json.createObjectNode();
    ObjectNode edit = root.putObject("order_edit");
    edit.put("id", editId);
    edit.putNull("app_id");
    edit.put("created_at", at.toString());
    edit.put("committed_at", at.toString());
    edit.put("notify_customer", false);
    edit.put("order_id", orderId);
    edit.put("staff_note", "");
    edit.putNull("user_id");
    ObjectNode lineItems = edit.putObject("line_items");
    var added = lineItems.putArray("additions");
    additions.forEach(a -> added.addObject().put("id", a[0]).put("delta", a[1]));
    var removed = lineItems.putArray("removals");
    removals.forEach(r -> removed.addObject().put("id", r[0]).put("delta", r[1]));
    ObjectNode discounts = edit.putObject("discounts").putObject("line_item");
    discounts.putArray("additions");
    discounts.putArray("removals");
    ObjectNode shipping = edit.putObject("shipping_lines");
    shipping.putArray("additions");
    shipping.putArray("removals");
    return root;
  }
}
