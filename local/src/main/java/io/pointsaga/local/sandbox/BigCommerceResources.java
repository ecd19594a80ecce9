package io.pointsaga.local.sandbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The JSON of a simulated BigCommerce store, in the shapes of BigCommerce's own API: v2 store,
 * orders, order products and coupons (money as strings with four decimals, dates in RFC 2822), v2
 * coupons, v3 refunds and hooks ({@code {"data": ..., "meta": ...}}).
 */
final class BigCommerceResources {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  /** BigCommerce's own date format: {@code Tue, 05 Mar 2024 10:05:00 +0000}. */
  static final DateTimeFormatter RFC_2822 =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.US)
          .withZone(ZoneOffset.UTC);

  /** The store's app, as {@code client_id} of its hooks. */
  static final String CLIENT_ID = "sandbox-app";

  /** The payment provider of the simulated orders. */
  static final String PROVIDER = "testgateway";

  private static final Map<Integer, String> STATUS_NAMES =
      Map.ofEntries(
          Map.entry(0, "Incomplete"),
          Map.entry(1, "Pending"),
          Map.entry(2, "Shipped"),
          Map.entry(3, "Partially Shipped"),
          Map.entry(4, "Refunded"),
          Map.entry(5, "Cancelled"),
          Map.entry(6, "Declined"),
          Map.entry(7, "Awaiting Payment"),
          Map.entry(8, "Awaiting Pickup"),
          Map.entry(9, "Awaiting Shipment"),
          Map.entry(10, "Completed"),
          Map.entry(11, "Awaiting Fulfillment"),
          Map.entry(12, "Manual Verification Required"),
          Map.entry(13, "Disputed"),
          Map.entry(14, "Partially Refunded"));

  private BigCommerceResources() {}

  static boolean isStatus(int statusId) {
    return STATUS_NAMES.containsKey(statusId);
  }

  static String statusName(int statusId) {
    return STATUS_NAMES.getOrDefault(statusId, "Unknown");
  }

  /** {@code GET /v2/store}; the simulated stores sell in US dollars. */
  static ObjectNode store(SimulatedShop shop) {
    ObjectNode store =
        JSON.objectNode()
            .put("id", shop.storeHash())
            .put("domain", shop.domain())
            .put("secure_url", "https://" + shop.domain())
            .put("name", "Sandbox store " + shop.domain())
            .put("currency", "USD")
            .put("currency_symbol", "$")
            .put("decimal_separator", ".")
            .put("thousands_separator", ",")
            .put("decimal_places", 2)
            .put("plan_name", "Sandbox");
    store.putObject("timezone").put("name", "Etc/UTC");
    return store;
  }

  /** {@code GET /v2/orders/{id}} and each entry of {@code GET /v2/orders}. */
  static ObjectNode order(SimulatedOrder order, BigCommerceOrderState state) {
    BigDecimal beforeDiscounts = BigDecimal.ZERO;
    BigDecimal discounts = BigDecimal.ZERO;
    for (SimulatedOrder.LineItem item : order.lineItems()) {
      beforeDiscounts = beforeDiscounts.add(item.amountBeforeDiscounts());
      discounts = discounts.add(item.discountAllocated());
    }
    BigDecimal total = beforeDiscounts.subtract(discounts).add(order.shipping());
    BigDecimal refunded = refunded(order);
    int items = order.lineItems().stream().mapToInt(SimulatedOrder.LineItem::quantity).sum();
    ObjectNode node =
        JSON.objectNode()
            .put("id", order.id())
            .put("customer_id", new java.math.BigInteger(order.customerId()))
            .put("date_created", date(order.createdAt()))
            .put("date_modified", date(state.modifiedAt()))
            .put("status_id", state.statusId())
            .put("status", statusName(state.statusId()))
            .put("subtotal_ex_tax", money(beforeDiscounts))
            .put("subtotal_inc_tax", money(beforeDiscounts))
            .put("subtotal_tax", money(BigDecimal.ZERO))
            .put("base_shipping_cost", money(order.shipping()))
            .put("shipping_cost_ex_tax", money(order.shipping()))
            .put("shipping_cost_inc_tax", money(order.shipping()))
            .put("total_ex_tax", money(total))
            .put("total_inc_tax", money(total))
            .put("total_tax", money(BigDecimal.ZERO))
            .put("items_total", items)
            .put("items_shipped", 0)
            .put("payment_method", "Test Payment Gateway")
            .put("payment_provider_id", PROVIDER)
            .put("payment_status", paymentStatus(refunded, total))
            .put("refunded_amount", money(refunded))
            .put("store_credit_amount", money(BigDecimal.ZERO))
            .put("currency_code", order.currency())
            .put("default_currency_code", order.currency())
            .put("discount_amount", money(BigDecimal.ZERO))
            .put("coupon_discount", money(discounts))
            .put("is_deleted", false);
    node.putObject("products")
        .put("url", "/v2/orders/" + order.id() + "/products")
        .put("resource", "/orders/" + order.id() + "/products");
    node.putObject("coupons")
        .put("url", "/v2/orders/" + order.id() + "/coupons")
        .put("resource", "/orders/" + order.id() + "/coupons");
    return node;
  }

  /**
   * {@code GET /v2/orders/{id}/products}: each line with the coupons' share of it in {@code
   * applied_discounts}.
   */
  static ArrayNode products(SimulatedOrder order) {
    ArrayNode products = JSON.arrayNode();
    int position = 0;
    for (SimulatedOrder.LineItem item : order.lineItems()) {
      position++;
      BigDecimal lineTotal = item.amountBeforeDiscounts();
      ObjectNode product =
          products
              .addObject()
              .put("id", item.id())
              .put("order_id", order.id())
              .put("product_id", position)
              .put("name", "Sandbox product " + position)
              .put("sku", "SBX-" + position)
              .put("type", "physical")
              .put("quantity", item.quantity())
              .put("base_price", money(item.price()))
              .put("price_ex_tax", money(item.price()))
              .put("price_inc_tax", money(item.price()))
              .put("base_total", money(lineTotal))
              .put("total_ex_tax", money(lineTotal))
              .put("total_inc_tax", money(lineTotal))
              .put("quantity_refunded", 0);
      ArrayNode discounts = product.putArray("applied_discounts");
      if (item.discountAllocated().signum() > 0) {
        List<SimulatedOrder.AppliedCode> codes = order.codes();
        ObjectNode discount =
            discounts
                .addObject()
                .put("id", "coupon")
                .put("amount", money(item.discountAllocated()))
                .put("name", "Coupons")
                .put("target", "order");
        if (codes.size() == 1) {
          discount.put("code", codes.get(0).code());
        } else {
          discount.putNull("code");
        }
      }
    }
    return products;
  }

  /** {@code GET /v2/orders/{id}/coupons}: the codes the checkout applied. */
  static ArrayNode orderCoupons(
      SimulatedOrder order, Map<String, SimulatedDiscountCode> codesByCode) {
    ArrayNode coupons = JSON.arrayNode();
    for (SimulatedOrder.AppliedCode applied : order.codes()) {
      SimulatedDiscountCode code = codesByCode.get(applied.code());
      ObjectNode coupon =
          coupons
              .addObject()
              .put("id", order.id() * 10 + coupons.size())
              .put("order_id", order.id())
              .put("code", applied.code())
              .put("amount", money(applied.amount()))
              .put("type", 2) // per_total_discount
              .put("discount", applied.amount().doubleValue());
      if (code != null && code.platformDiscountId().matches("\\d+")) {
        coupon.put("coupon_id", Long.parseLong(code.platformDiscountId()));
      }
    }
    return coupons;
  }

  /** {@code GET /v3/orders/{id}/payment_actions/refunds}, oldest first. */
  static ObjectNode refunds(SimulatedOrder order) {
    ObjectNode body = JSON.objectNode();
    ArrayNode data = body.putArray("data");
    for (SimulatedOrder.Refund refund : order.refunds()) {
      ObjectNode node =
          data.addObject()
              .put("id", refund.id())
              .put("order_id", order.id())
              .put("user_id", 0)
              .put("created", refund.createdAt().toString())
              .put("reason", "Refunded in the sandbox")
              .put("total_amount", refund.amount().setScale(2, RoundingMode.UNNECESSARY))
              .put("total_tax", 0)
              .put("uses_merchant_override_values", false);
      ArrayNode items = node.putArray("items");
      for (SimulatedOrder.RefundLine line : refund.lines()) {
        items
            .addObject()
            .put("item_type", "PRODUCT")
            .put("item_id", line.lineItemId())
            .put("quantity", line.quantity())
            .put("requested_amount", cents(line.subtotal()))
            .put("reason", "");
      }
      if (refund.shipping().signum() > 0) {
        items
            .addObject()
            .put("item_type", "SHIPPING")
            .put("item_id", order.id())
            .put("quantity", 1)
            .put("requested_amount", cents(refund.shipping()))
            .put("reason", "");
      }
      ArrayNode payments = node.putArray("payments");
      if (refund.amount().signum() > 0) {
        payments
            .addObject()
            .put("id", refund.id())
            .put("provider_id", PROVIDER)
            .put("amount", refund.amount().setScale(2, RoundingMode.UNNECESSARY))
            .put("offline", false)
            .put("is_declined", false)
            .put("declined_message", "");
      }
    }
    body.putObject("meta");
    return body;
  }

  /** A v2 coupon. */
  static ObjectNode coupon(SimulatedDiscountCode code) {
    ObjectNode coupon =
        JSON.objectNode()
            .put("id", Long.parseLong(code.platformDiscountId()))
            .put("name", code.title())
            .put("type", "per_total_discount")
            .put("amount", money(code.amount()))
            .put("min_purchase", money(BigDecimal.ZERO))
            .put("expires", "")
            .put("enabled", code.state() == DiscountCodeState.ACTIVE)
            .put("code", code.code())
            .put("num_uses", code.usageCount())
            .put("max_uses", 0)
            .put("max_uses_per_customer", 0)
            .put("date_created", date(code.createdAt()));
    ObjectNode appliesTo = coupon.putObject("applies_to").put("entity", "categories");
    appliesTo.putArray("ids").add(0);
    coupon.putArray("restricted_to");
    coupon.putNull("shipping_methods");
    return coupon;
  }

  /** A v3 hook, as listed and answered by {@code /v3/hooks}. */
  static ObjectNode hook(SimulatedShop shop, SimulatedHook hook) {
    ObjectNode node =
        JSON.objectNode()
            .put("id", hook.id())
            .put("client_id", CLIENT_ID)
            .put("store_hash", shop.storeHash())
            .put("scope", hook.scope())
            .put("destination", hook.destination())
            .put("is_active", hook.active())
            .put("events_history_enabled", false)
            .put("created_at", hook.createdAt().getEpochSecond())
            .put("updated_at", hook.updatedAt().getEpochSecond());
    ObjectNode headers = node.putObject("headers");
    hook.headers().forEach(headers::put);
    return node;
  }

  /** {@code {"data": ..., "meta": {}}}, BigCommerce's v3 envelope of one resource. */
  static ObjectNode one(ObjectNode data) {
    ObjectNode body = JSON.objectNode();
    body.set("data", data);
    body.putObject("meta");
    return body;
  }

  /**
   * A v3 collection page with BigCommerce's pagination meta: {@code total}, {@code count}, {@code
   * per_page}, {@code current_page}, {@code total_pages} and the {@code links} as query strings.
   */
  static ObjectNode page(List<ObjectNode> all, int page, int limit) {
    int from = Math.min(all.size(), (page - 1) * limit);
    int to = Math.min(all.size(), from + limit);
    int totalPages = (all.size() + limit - 1) / limit;
    ObjectNode body = JSON.objectNode();
    ArrayNode data = body.putArray("data");
    all.subList(from, to).forEach(data::add);
    ObjectNode pagination =
        body.putObject("meta")
            .putObject("pagination")
            .put("total", all.size())
            .put("count", to - from)
            .put("per_page", limit)
            .put("current_page", page)
            .put("total_pages", totalPages);
    ObjectNode links = pagination.putObject("links");
    if (page > 1) {
      links.put("previous", "?page=" + (page - 1) + "&limit=" + limit);
    }
    links.put("current", "?page=" + page + "&limit=" + limit);
    if (page < totalPages) {
      links.put("next", "?page=" + (page + 1) + "&limit=" + limit);
    }
    return body;
  }

  /**
   * A webhook's body: ids only, as BigCommerce sends them; {@code hash} is kept by every delivery
   * of the event, retries and duplicates included.
   */
  static ObjectNode webhook(
      SimulatedShop shop, String scope, ObjectNode data, String hash, Instant createdAt) {
    ObjectNode body =
        JSON.objectNode()
            .put("created_at", createdAt.getEpochSecond())
            .put("store_id", storeId(shop))
            .put("producer", "stores/" + shop.storeHash())
            .put("scope", scope)
            .put("hash", hash);
    body.set("data", data);
    return body;
  }

  /** {@code data} of {@code store/order/statusUpdated}. */
  static ObjectNode statusUpdated(long orderId, int previousStatusId, int newStatusId) {
    ObjectNode data = JSON.objectNode().put("type", "order").put("id", orderId);
    data.putObject("status")
        .put("previous_status_id", previousStatusId)
        .put("new_status_id", newStatusId);
    return data;
  }

  /** {@code data} of {@code store/order/refund/created}. */
  static ObjectNode refundCreated(long orderId, long refundId) {
    ObjectNode data = JSON.objectNode().put("type", "order").put("id", orderId);
    data.putObject("refund").put("refund_id", refundId);
    return data;
  }

  /** BigCommerce's numeric store id, a string in webhooks. */
  static String storeId(SimulatedShop shop) {
    return String.valueOf(1_000_000 + Math.floorMod(shop.storeHash().hashCode(), 9_000_000));
  }

  static BigDecimal refunded(SimulatedOrder order) {
    return order.refunds().stream()
        .map(SimulatedOrder.Refund::amount)
        .reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  private static String paymentStatus(BigDecimal refunded, BigDecimal total) {
    if (refunded.signum() == 0) {
      return "captured";
    }
    return refunded.compareTo(total) >= 0 ? "refunded" : "partially refunded";
  }

  static String date(Instant instant) {
    return RFC_2822.format(instant);
  }

  /** BigCommerce's v2 money: a string with four decimals. */
  static String money(BigDecimal amount) {
    return amount.setScale(4, RoundingMode.UNNECESSARY).toPlainString();
  }

  private static String cents(BigDecimal amount) {
    return amount.setScale(2, RoundingMode.UNNECESSARY).toPlainString();
  }
}
