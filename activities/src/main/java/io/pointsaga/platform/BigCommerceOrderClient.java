package io.pointsaga.platform;

import com.fasterxml.jackson.databind.JsonNode;
import io.pointsaga.order.OrderLine;
import io.pointsaga.order.RefundLine;
import io.pointsaga.order.RefundSnapshot;
import io.temporal.failure.ApplicationFailure;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * BigCommerce orders and refunds, read through the v2 orders API and the v3 payment actions API.
 * The account's {@code apiBaseUrl} already ends with {@code /stores/{store_hash}}.
 *
 * <p>Amounts come as strings with four decimals ("10.0000"); they are added up exactly and rounded
 * half up to two decimals at the end. An answer of a shape this client does not understand is a
 * retryable failure, like in the coupon client.
 */
final class BigCommerceOrderClient {

  /** What the access token needs, as told to an admin when BigCommerce rejects it. */
  static final String READ_ORDERS =
      "read orders and order transactions (BigCommerce scopes Orders and Order Transactions,"
          + " read-only at least)";

  /** v2 list endpoints give at most 250 entries a page. */
  static final int PAGE_SIZE = 250;

  /** 50,000 order lines: far beyond any real order; stops a server that ignores {@code page}. */
  static final int MAX_PAGES = 200;

  static final String STORE_CREDIT_PROVIDER = "storecredit";

  private static final String GONE =
      "Not retrying: it was deleted, or the webhook came from another store than the one the"
          + " shop's API account reaches.";

  private static final int EXCERPT_LENGTH = 200;

  /**
   * The order's own fields ({@code GET /v2/orders/{id}}).
   *
   * @param customerId null for a guest (BigCommerce's customer 0)
   * @param statusId null when the order does not say
   * @param dateModified as BigCommerce writes it (RFC 2822), null when absent
   * @param shippingTotal {@code shipping_cost_ex_tax}, zero when absent
   */
  record Order(
      String orderId,
      String customerId,
      String currency,
      Integer statusId,
      String dateModified,
      BigDecimal shippingTotal) {}

  private final PlatformHttp http;

  BigCommerceOrderClient(PlatformHttp http) {
    this.http = http;
  }

  /** Names "fetch order 250 for shop ..." in failures. */
  static PlatformCall orderCall(PlatformAccount account, String orderId) {
    return PlatformCall.of(account, "fetch", "order", orderId, READ_ORDERS);
  }

  /** Names "fetch refund bc-3 of order 250 for shop ..." in failures. */
  static PlatformCall refundCall(PlatformAccount account, String orderId, String refundId) {
    return PlatformCall.of(
        account, "fetch", "refund", refundId + " of order " + orderId, READ_ORDERS);
  }

  Order order(PlatformAccount account, PlatformCall call, String orderId) {
    PlatformResponse response = get(account, call, "/v2/orders/" + orderId);
    JsonNode order = PlatformJson.read(call, response);
    if (!order.isObject()) {
      throw PlatformFailures.unreadable(call, response, "something other than an order");
    }
    return order(call, orderId, order);
  }

  /** Orders a page of {@link #changedOrders}. */
  static final int CHANGES_PAGE_SIZE = 50;

  /**
   * Page {@code page} (from 1) of the orders modified at or after {@code since}, oldest change
   * first: {@code GET /v2/orders?min_date_modified=...&sort=date_modified:asc&page&limit}. Empty
   * past the last page (BigCommerce answers 204).
   */
  List<Order> changedOrders(PlatformAccount account, PlatformCall call, Instant since, int page) {
    String path =
        "/v2/orders?min_date_modified="
            + URLEncoder.encode(
                DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(since.atOffset(ZoneOffset.UTC)),
                StandardCharsets.UTF_8)
            + "&sort=date_modified:asc&page="
            + page
            + "&limit="
            + CHANGES_PAGE_SIZE;
    PlatformResponse response = get(account, call, path);
    if (response.status() == 204 || !response.hasBody()) {
      return List.of();
    }
    JsonNode list = PlatformJson.read(call, response);
    if (!list.isArray()) {
      throw PlatformFailures.unreadable(call, response, "something other than a list of orders");
    }
    List<Order> orders = new ArrayList<>();
    for (JsonNode order : list) {
      String orderId = id(order.path("id"));
      if (orderId == null) {
        throw unexpected(call, "an order without an id", order);
      }
      orders.add(order(call, orderId, order));
    }
    return List.copyOf(orders);
  }

  private static Order order(PlatformCall call, String orderId, JsonNode order) {
    String currency = order.path("currency_code").textValue();
    if (currency == null || currency.isBlank()) {
      throw unexpected(call, "an order without currency_code", order);
    }
    JsonNode status = order.path("status_id");
    JsonNode modified = order.path("date_modified");
    return new Order(
        orderId,
        customerId(call, order),
        currency,
        status.canConvertToInt() ? Integer.valueOf(status.intValue()) : null,
        modified.isTextual() ? modified.textValue() : null,
        shipping(order.path("shipping_cost_ex_tax")));
  }

  /** BigCommerce writes dates as RFC 2822 ("Tue, 20 Nov 2012 00:00:00 +0000"); null if not. */
  static Instant modifiedAt(Order order) {
    if (order.dateModified() == null) {
      return null;
    }
    try {
      return ZonedDateTime.parse(order.dateModified(), DateTimeFormatter.RFC_1123_DATE_TIME)
          .toInstant();
    } catch (DateTimeParseException notRfc2822) {
      try {
        return OffsetDateTime.parse(order.dateModified()).toInstant();
      } catch (DateTimeParseException notIso) {
        return null;
      }
    }
  }

  private static BigDecimal shipping(JsonNode amount) {
    try {
      return amount.isMissingNode() || amount.isNull()
          ? new BigDecimal("0.00")
          : new BigDecimal(amount.asText()).setScale(2, java.math.RoundingMode.HALF_UP);
    } catch (NumberFormatException notAnAmount) {
      return new BigDecimal("0.00");
    }
  }

  /** The order's products with what was paid for each after its discounts. */
  List<OrderLine> lines(PlatformAccount account, PlatformCall call, String orderId) {
    List<OrderLine> lines = new ArrayList<>();
    for (JsonNode product : pages(account, call, "/v2/orders/" + orderId + "/products")) {
      lines.add(line(call, product));
    }
    return List.copyOf(lines);
  }

  /** The coupon codes used on the order, each once, in BigCommerce's order. */
  List<String> couponCodes(PlatformAccount account, PlatformCall call, String orderId) {
    Set<String> codes = new LinkedHashSet<>();
    for (JsonNode coupon : pages(account, call, "/v2/orders/" + orderId + "/coupons")) {
      String code = coupon.path("code").textValue();
      if (code == null || code.isBlank()) {
        throw unexpected(call, "an order coupon without a code", coupon);
      }
      codes.add(code);
    }
    return List.copyOf(codes);
  }

  /** Every refund of the order, oldest first (BigCommerce lists them by ascending id). */
  List<RefundSnapshot> refunds(PlatformAccount account, PlatformCall call, String orderId) {
    PlatformResponse response =
        get(account, call, "/v3/orders/" + orderId + "/payment_actions/refunds");
    if (response.status() == 204 || !response.hasBody()) {
      return List.of();
    }
    JsonNode data = PlatformJson.read(call, response).path("data");
    if (!data.isArray()) {
      throw PlatformFailures.unreadable(call, response, "no list of refunds (data)");
    }
    List<RefundSnapshot> refunds = new ArrayList<>();
    for (JsonNode refund : data) {
      refunds.add(refund(call, refund));
    }
    return List.copyOf(refunds);
  }

  private static String customerId(PlatformCall call, JsonNode order) {
    JsonNode customer = order.path("customer_id");
    String id;
    if (customer.isIntegralNumber()) {
      id = customer.bigIntegerValue().toString();
    } else if (customer.isTextual() && customer.textValue().strip().matches("\\d+")) {
      id = new BigInteger(customer.textValue().strip()).toString();
    } else {
      throw unexpected(call, "an order without a numeric customer_id", order);
    }
    // Guests check out as customer 0.
    return "0".equals(id) ? null : id;
  }

  /** base_price x quantity minus the discounts BigCommerce allocated to the line. */
  private static OrderLine line(PlatformCall call, JsonNode product) {
    String id = id(product.path("id"));
    if (id == null) {
      throw unexpected(call, "an order product without an id", product);
    }
    JsonNode quantity = product.path("quantity");
    BigDecimal count = decimal(quantity);
    if (count == null || count.stripTrailingZeros().scale() > 0) {
      throw unexpected(call, "an order product without a whole quantity", product);
    }
    BigDecimal amount = money(call, product, "base_price").multiply(count);
    for (JsonNode discount : product.path("applied_discounts")) {
      amount = amount.subtract(money(call, discount, "amount"));
    }
    return new OrderLine(id, cents(amount));
  }

  private static RefundSnapshot refund(PlatformCall call, JsonNode refund) {
    String id = id(refund.path("id"));
    if (id == null) {
      throw unexpected(call, "a refund without an id", refund);
    }
    List<RefundLine> lines = new ArrayList<>();
    BigDecimal shipping = BigDecimal.ZERO;
    for (JsonNode item : refund.path("items")) {
      String type = item.path("item_type").asText("").toUpperCase(Locale.ROOT);
      switch (type) {
        case "PRODUCT" -> {
          String lineItemId = id(item.path("item_id"));
          if (lineItemId == null) {
            throw unexpected(call, "a refunded product without an item_id", item);
          }
          lines.add(new RefundLine(lineItemId, cents(money(call, item, "requested_amount"))));
        }
        case "SHIPPING", "HANDLING" ->
            shipping = shipping.add(money(call, item, "requested_amount"));
        default -> {
          // ORDER (an amount off the whole order), GIFT_WRAPPING, TAX: not line items, so they
          // never count toward points (SPEC section 3).
        }
      }
    }
    return new RefundSnapshot(
        refundId(id), List.copyOf(lines), cents(shipping), toStoreCredit(refund.path("payments")));
  }

  /** Our id of a BigCommerce refund: "bc-" + its id. */
  static String refundId(String bigCommerceId) {
    return "bc-" + bigCommerceId;
  }

  private static boolean toStoreCredit(JsonNode payments) {
    if (!payments.isArray() || payments.isEmpty()) {
      return false;
    }
    for (JsonNode payment : payments) {
      if (!STORE_CREDIT_PROVIDER.equalsIgnoreCase(payment.path("provider_id").asText(""))) {
        return false;
      }
    }
    return true;
  }

  /** All entries of a v2 list, page by page; 204 (or an empty page) ends the list. */
  private List<JsonNode> pages(PlatformAccount account, PlatformCall call, String path) {
    List<JsonNode> entries = new ArrayList<>();
    for (int page = 1; page <= MAX_PAGES; page++) {
      PlatformResponse response =
          get(account, call, path + "?limit=" + PAGE_SIZE + "&page=" + page);
      if (response.status() == 204 || !response.hasBody()) {
        return entries;
      }
      JsonNode list = PlatformJson.read(call, response);
      if (!list.isArray()) {
        throw PlatformFailures.unreadable(call, response, "something other than a list");
      }
      list.forEach(entries::add);
      if (list.size() < PAGE_SIZE) {
        return entries;
      }
    }
    throw PlatformFailures.unexpected(
        call, "more than " + MAX_PAGES + " full pages of " + path + " (is paging ignored?)");
  }

  private PlatformResponse get(PlatformAccount account, PlatformCall call, String path) {
    HttpRequest request =
        http.request(call, account.apiBaseUrl(), path)
            .header("X-Auth-Token", account.accessToken())
            .header("Accept", "application/json")
            .GET()
            .build();
    PlatformResponse response = http.send(call, request);
    if (response.status() == 404) {
      throw PlatformFailures.rejected(
          call,
          String.format(
              "HTTP 404, the store has no %s %s (%s)",
              call.subject(), call.code(), response.excerpt()),
          GONE);
    }
    if (!response.successful()) {
      throw PlatformFailures.forStatus(call, response);
    }
    return response;
  }

  private static String id(JsonNode id) {
    if (id.isIntegralNumber()) {
      return id.bigIntegerValue().toString();
    }
    if (id.isTextual() && !id.textValue().isBlank()) {
      return id.textValue().strip();
    }
    return null;
  }

  private static BigDecimal money(PlatformCall call, JsonNode holder, String field) {
    BigDecimal amount = decimal(holder.path(field));
    if (amount == null) {
      throw unexpected(call, "no amount in " + field, holder);
    }
    return amount;
  }

  /** A number or a numeric string; null for anything else. */
  private static BigDecimal decimal(JsonNode value) {
    if (!value.isNumber() && !value.isTextual()) {
      return null;
    }
    // asText keeps a float's shortest decimal form ("16.67"), not its binary expansion.
    try {
      return new BigDecimal(value.asText().strip());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static BigDecimal cents(BigDecimal amount) {
    return amount.setScale(2, RoundingMode.HALF_UP);
  }

  private static ApplicationFailure unexpected(PlatformCall call, String what, JsonNode node) {
    String json = PlatformJson.write(node);
    String excerpt =
        json.length() <= EXCERPT_LENGTH ? json : json.substring(0, EXCERPT_LENGTH) + "...";
    return PlatformFailures.unexpected(call, what + ": " + excerpt);
  }
}
