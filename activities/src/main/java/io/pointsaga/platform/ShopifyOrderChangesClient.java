package io.pointsaga.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pointsaga.order.OrderLine;
import io.pointsaga.order.OrderSnapshot;
import io.pointsaga.order.RefundLine;
import io.pointsaga.order.RefundSnapshot;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The orders changed since a moment, with their line items and refunds, through Shopify's Admin
 * GraphQL {@code orders(query: "updated_at:>=...", sortKey: UPDATED_AT, first, after)} (API
 * 2025-10). Amounts are read as the webhooks read them: line amounts after their discount
 * allocations, refund subtotals net of discounts, shipping refunds apart.
 */
final class ShopifyOrderChangesClient {

  /** Orders a page: small enough that lines and refunds stay within one query's cost. */
  static final int PAGE_SIZE = 25;

  static final int MAX_LINES = 100;
  static final int MAX_REFUNDS = 30;

  private static final Set<String> PAID_STATUSES = Set.of("PAID", "PARTIALLY_REFUNDED", "REFUNDED");
  private static final Set<String> STORE_CREDIT_GATEWAYS =
      Set.of("store-credit", "store_credit", "shopify_store_credit");
  private static final Set<String> FAILED_TRANSACTIONS = Set.of("FAILURE", "ERROR");

  static final String QUERY =
      """
      query ChangedOrders($first: Int!, $after: String, $query: String!) {
        orders(first: $first, after: $after, query: $query, sortKey: UPDATED_AT) {
          pageInfo { hasNextPage endCursor }
          nodes {
            legacyResourceId
            updatedAt
            cancelledAt
            displayFinancialStatus
            currencyCode
            customer { legacyResourceId }
            discountCodes
            totalShippingPriceSet { shopMoney { amount } }
            lineItems(first: %d) {
              pageInfo { hasNextPage }
              nodes {
                id
                quantity
                originalUnitPriceSet { shopMoney { amount } }
                discountAllocations { allocatedAmountSet { shopMoney { amount } } }
              }
            }
            refunds(first: %d) {
              legacyResourceId
              refundLineItems(first: %d) {
                nodes { lineItem { id } quantity subtotalSet { shopMoney { amount } } }
              }
              refundShippingLines(first: 10) {
                nodes { subtotalAmountSet { shopMoney { amount } } }
              }
              transactions(first: 10) { nodes { kind status gateway } }
            }
          }
        }
      }
      """
          .formatted(MAX_LINES, MAX_REFUNDS, MAX_LINES);

  private final ShopifyGraphql graphql;

  ShopifyOrderChangesClient(PlatformHttp http) {
    this.graphql = new ShopifyGraphql(http);
  }

  /** Names "list orders changed since ... for shop ..." in failures. */
  static PlatformCall call(PlatformAccount account, Instant since) {
    return PlatformCall.of(
        account, "list", "orders changed since", since.toString(), ShopifyShopClient.READ_ORDERS);
  }

  OrderChangesPage read(PlatformAccount account, Instant since, String after) {
    PlatformCall call = call(account, since);
    ObjectNode variables =
        PlatformJson.object().put("first", PAGE_SIZE).put("query", "updated_at:>='" + since + "'");
    if (after == null) {
      variables.putNull("after");
    } else {
      variables.put("after", after);
    }
    JsonNode orders = graphql.execute(account, call, QUERY, variables).path("orders");
    JsonNode nodes = orders.path("nodes");
    if (!nodes.isArray()) {
      throw PlatformFailures.unexpected(call, "an answer without orders.nodes");
    }
    List<ChangedOrder> changed = new ArrayList<>();
    for (JsonNode node : nodes) {
      changed.add(order(call, node));
    }
    JsonNode pageInfo = orders.path("pageInfo");
    String next =
        pageInfo.path("hasNextPage").asBoolean(false)
            ? pageInfo.path("endCursor").textValue()
            : null;
    if (pageInfo.path("hasNextPage").asBoolean(false) && next == null) {
      throw PlatformFailures.unexpected(call, "a next page without an endCursor");
    }
    return new OrderChangesPage(changed, next);
  }

  private static ChangedOrder order(PlatformCall call, JsonNode node) {
    String orderId = node.path("legacyResourceId").asText(null);
    if (orderId == null || orderId.isBlank()) {
      throw PlatformFailures.unexpected(call, "an order without legacyResourceId");
    }
    if (node.path("lineItems").path("pageInfo").path("hasNextPage").asBoolean(false)) {
      throw PlatformFailures.unexpected(
          call, "order " + orderId + " has more than " + MAX_LINES + " line items");
    }
    List<OrderLine> lines = new ArrayList<>();
    for (JsonNode item : node.path("lineItems").path("nodes")) {
      BigDecimal quantity = BigDecimal.valueOf(item.path("quantity").asLong());
      BigDecimal before = amount(call, item.path("originalUnitPriceSet")).multiply(quantity);
      BigDecimal discounts = BigDecimal.ZERO;
      for (JsonNode allocation : item.path("discountAllocations")) {
        discounts = discounts.add(amount(call, allocation.path("allocatedAmountSet")));
      }
      lines.add(
          new OrderLine(
              numericId(call, item.path("id")), cents(before.subtract(discounts)), cents(before)));
    }
    List<RefundSnapshot> refunds = new ArrayList<>();
    for (JsonNode refund : node.path("refunds")) {
      refunds.add(refund(call, refund));
    }
    List<String> codes = new ArrayList<>();
    node.path("discountCodes").forEach(code -> codes.add(code.asText()));
    String status = node.path("displayFinancialStatus").asText("");
    String customer = node.path("customer").path("legacyResourceId").asText(null);
    OrderSnapshot snapshot =
        new OrderSnapshot(
            orderId,
            customer == null || customer.isBlank() ? null : customer,
            node.path("currencyCode").asText(null),
            List.copyOf(lines),
            List.copyOf(codes),
            status.toLowerCase(Locale.ROOT),
            !node.path("cancelledAt").isNull() && !node.path("cancelledAt").isMissingNode(),
            List.copyOf(refunds),
            cents(amountOrZero(call, node.path("totalShippingPriceSet"))));
    return new ChangedOrder(
        snapshot, instant(call, node.path("updatedAt")), PAID_STATUSES.contains(status), null);
  }

  private static RefundSnapshot refund(PlatformCall call, JsonNode refund) {
    String refundId = refund.path("legacyResourceId").asText(null);
    if (refundId == null || refundId.isBlank()) {
      throw PlatformFailures.unexpected(call, "a refund without legacyResourceId");
    }
    List<RefundLine> lines = new ArrayList<>();
    for (JsonNode line : refund.path("refundLineItems").path("nodes")) {
      lines.add(
          new RefundLine(
              numericId(call, line.path("lineItem").path("id")),
              cents(amount(call, line.path("subtotalSet")))));
    }
    BigDecimal shipping = BigDecimal.ZERO;
    for (JsonNode line : refund.path("refundShippingLines").path("nodes")) {
      shipping = shipping.add(amount(call, line.path("subtotalAmountSet")));
    }
    List<String> gateways = new ArrayList<>();
    for (JsonNode transaction : refund.path("transactions").path("nodes")) {
      if ("REFUND".equals(transaction.path("kind").asText())
          && !FAILED_TRANSACTIONS.contains(transaction.path("status").asText())) {
        gateways.add(transaction.path("gateway").asText("").toLowerCase(Locale.ROOT));
      }
    }
    boolean storeCredit =
        !gateways.isEmpty() && gateways.stream().allMatch(STORE_CREDIT_GATEWAYS::contains);
    return new RefundSnapshot(refundId, List.copyOf(lines), cents(shipping), storeCredit);
  }

  /** {@code gid://shopify/LineItem/123} -> {@code 123}, the id the webhooks carry. */
  static String numericId(PlatformCall call, JsonNode gid) {
    String text = gid.asText("");
    String id = text.substring(text.lastIndexOf('/') + 1);
    if (!id.matches("\\d{1,19}")) {
      throw PlatformFailures.unexpected(call, "an id that is not a Shopify global id: " + text);
    }
    return id;
  }

  private static BigDecimal amount(PlatformCall call, JsonNode moneyBag) {
    JsonNode amount = moneyBag.path("shopMoney").path("amount");
    try {
      return new BigDecimal(amount.asText());
    } catch (NumberFormatException notAnAmount) {
      throw PlatformFailures.unexpected(call, "an amount that is not a number: " + amount);
    }
  }

  private static BigDecimal amountOrZero(PlatformCall call, JsonNode moneyBag) {
    return moneyBag.isMissingNode() || moneyBag.isNull() ? BigDecimal.ZERO : amount(call, moneyBag);
  }

  private static Instant instant(PlatformCall call, JsonNode value) {
    try {
      return OffsetDateTime.parse(value.asText()).toInstant();
    } catch (DateTimeParseException notATime) {
      throw PlatformFailures.unexpected(call, "an order without a readable updatedAt");
    }
  }

  private static BigDecimal cents(BigDecimal amount) {
    return amount.setScale(2, RoundingMode.HALF_UP);
  }
}
