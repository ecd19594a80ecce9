package io.pointsaga.local.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Shopify's Admin GraphQL {@code orders(first, after, query: "updated_at:>='...'", sortKey:
 * UPDATED_AT)} on a simulated shop, as reconciliation reads it: a connection of Order objects with
 * their line items and refunds, oldest change first, paged by an opaque cursor. An order's {@code
 * updatedAt} is its latest change: payment, refund or cancellation. Every field the reader asks for
 * is answered (the sandbox matches names, it does not parse selections).
 */
final class ShopifyOrderNodes {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final int MAX_FIRST = 250;
  private static final Pattern UPDATED_AT =
      Pattern.compile("updated_at:\\s*(>=|>)\\s*'?([^'\\s]+)'?");

  private ShopifyOrderNodes() {}

  /** An order's node and the position it sorts at. */
  private record Listed(Instant updatedAt, long id, ObjectNode node) {
    String cursor() {
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(
              (updatedAt.getEpochSecond() + "." + updatedAt.getNano() + ":" + id)
                  .getBytes(StandardCharsets.UTF_8));
    }

    boolean after(Instant otherUpdatedAt, long otherId) {
      int byTime = updatedAt.compareTo(otherUpdatedAt);
      return byTime > 0 || (byTime == 0 && id > otherId);
    }
  }

  static ObjectNode ordersPage(SimulatedShop shop, JsonNode variables) {
    JsonNode first = variables.path("first");
    if (!first.canConvertToInt() || first.intValue() < 1 || first.intValue() > MAX_FIRST) {
      return ShopifyResponseBodies.invalidVariable("first", "Int");
    }
    Optional<Filter> filter = Filter.parse(variables.path("query").asText(""));
    if (filter.isEmpty()) {
      return ShopifyResponseBodies.invalidVariable("query", "String");
    }
    Optional<Listed> position = Optional.empty();
    JsonNode after = variables.path("after");
    if (after.isTextual()) {
      position = decode(after.textValue());
      if (position.isEmpty()) {
        return ShopifyResponseBodies.invalidVariable("after", "String");
      }
    }
    List<Listed> all =
        shop.readOrders(order -> new Listed(updatedAt(order), order.id(), node(order))).stream()
            .filter(listed -> filter.get().keeps(listed.updatedAt()))
            .sorted(Comparator.comparing(Listed::updatedAt).thenComparingLong(Listed::id))
            .toList();
    Optional<Listed> from = position;
    List<Listed> rest =
        all.stream()
            .filter(
                listed -> from.isEmpty() || listed.after(from.get().updatedAt(), from.get().id()))
            .toList();
    List<Listed> page = rest.subList(0, Math.min(first.intValue(), rest.size()));
    ObjectNode connection = JSON.objectNode();
    ArrayNode nodes = connection.putArray("nodes");
    ArrayNode edges = connection.putArray("edges");
    for (Listed listed : page) {
      nodes.add(listed.node());
      edges.addObject().put("cursor", listed.cursor()).set("node", listed.node());
    }
    ObjectNode pageInfo = connection.putObject("pageInfo");
    pageInfo.put("hasNextPage", rest.size() > page.size());
    pageInfo.put("hasPreviousPage", from.isPresent());
    if (page.isEmpty()) {
      pageInfo.putNull("endCursor");
      pageInfo.putNull("startCursor");
    } else {
      pageInfo.put("endCursor", page.get(page.size() - 1).cursor());
      pageInfo.put("startCursor", page.get(0).cursor());
    }
    return ShopifyGraphqlExecutor.data(GraphqlRootField.ORDERS, connection);
  }

  /** {@code updated_at:>='...'} or {@code updated_at:>...}; no query keeps every order. */
  private record Filter(Instant since, boolean inclusive) {
    static Optional<Filter> parse(String query) {
      if (query.isBlank()) {
        return Optional.of(new Filter(Instant.MIN, true));
      }
      Matcher matcher = UPDATED_AT.matcher(query);
      if (!matcher.find()) {
        return Optional.empty();
      }
      try {
        return Optional.of(
            new Filter(
                OffsetDateTime.parse(matcher.group(2)).toInstant(), matcher.group(1).equals(">=")));
      } catch (DateTimeParseException notATime) {
        return Optional.empty();
      }
    }

    boolean keeps(Instant updatedAt) {
      int compared = updatedAt.compareTo(since);
      return compared > 0 || (inclusive && compared == 0);
    }
  }

  private static Optional<Listed> decode(String cursor) {
    try {
      String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      String[] parts = text.split("[.:]");
      return Optional.of(
          new Listed(
              Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1])),
              Long.parseLong(parts[2]),
              null));
    } catch (RuntimeException notOurs) {
      return Optional.empty();
    }
  }

  /** The latest of payment, refunds and cancellation. */
  static Instant updatedAt(SimulatedOrder order) {
    Instant latest = order.createdAt();
    for (SimulatedOrder.Refund refund : order.refunds()) {
      latest = refund.createdAt().isAfter(latest) ? refund.createdAt() : latest;
    }
    if (order.cancelledAt().isPresent() && order.cancelledAt().get().isAfter(latest)) {
      latest = order.cancelledAt().get();
    }
    return latest;
  }

  private static ObjectNode node(SimulatedOrder order) {
    ObjectNode node = JSON.objectNode();
    node.put("id", "gid://shopify/Order/" + order.id());
    node.put("legacyResourceId", String.valueOf(order.id()));
    node.put("name", "#" + order.id());
    node.put("createdAt", order.createdAt().toString());
    node.put("updatedAt", updatedAt(order).toString());
    if (order.cancelledAt().isPresent()) {
      node.put("cancelledAt", order.cancelledAt().get().toString());
    } else {
      node.putNull("cancelledAt");
    }
    node.put("displayFinancialStatus", ShopifyRestPayloads.financialStatus(order).toUpperCase());
    node.put("currencyCode", order.currency());
    if (order.customerId() == null) {
      node.putNull("customer");
    } else {
      node.putObject("customer")
          .put("id", "gid://shopify/Customer/" + order.customerId())
          .put("legacyResourceId", order.customerId());
    }
    ArrayNode codes = node.putArray("discountCodes");
    order.codes().forEach(code -> codes.add(code.code()));
    node.set("totalShippingPriceSet", money(order.shipping(), order.currency()));
    ObjectNode lineItems = node.putObject("lineItems");
    lineItems.putObject("pageInfo").put("hasNextPage", false);
    ArrayNode lines = lineItems.putArray("nodes");
    for (SimulatedOrder.LineItem item : order.lineItems()) {
      ObjectNode line = lines.addObject();
      line.put("id", "gid://shopify/LineItem/" + item.id());
      line.put("quantity", item.quantity());
      line.set("originalUnitPriceSet", money(item.price(), order.currency()));
      ArrayNode allocations = line.putArray("discountAllocations");
      if (item.discountAllocated().signum() > 0) {
        allocations
            .addObject()
            .set("allocatedAmountSet", money(item.discountAllocated(), order.currency()));
      }
    }
    ArrayNode refunds = node.putArray("refunds");
    for (SimulatedOrder.Refund refund : order.refunds()) {
      refunds.add(refund(refund, order.currency()));
    }
    return node;
  }

  private static ObjectNode refund(SimulatedOrder.Refund refund, String currency) {
    ObjectNode node = JSON.objectNode();
    node.put("id", "gid://shopify/Refund/" + refund.id());
    node.put("legacyResourceId", String.valueOf(refund.id()));
    node.put("createdAt", refund.createdAt().toString());
    ArrayNode lines = node.putObject("refundLineItems").putArray("nodes");
    for (SimulatedOrder.RefundLine line : refund.lines()) {
      ObjectNode refunded = lines.addObject();
      refunded.putObject("lineItem").put("id", "gid://shopify/LineItem/" + line.lineItemId());
      refunded.put("quantity", line.quantity());
      refunded.set("subtotalSet", money(line.subtotal(), currency));
    }
    ArrayNode shipping = node.putObject("refundShippingLines").putArray("nodes");
    if (refund.shipping().signum() > 0) {
      shipping.addObject().set("subtotalAmountSet", money(refund.shipping(), currency));
    }
    ArrayNode transactions = node.putObject("transactions").putArray("nodes");
    if (refund.amount().signum() > 0) {
      transactions
          .addObject()
          .put("kind", "REFUND")
          .put("status", "SUCCESS")
          .put("gateway", "manual")
          .set("amountSet", money(refund.amount(), currency));
    }
    return node;
  }

  private static ObjectNode money(BigDecimal amount, String currency) {
    ObjectNode bag = JSON.objectNode();
    bag.putObject("shopMoney")
        .put("amount", amount.setScale(2, RoundingMode.UNNECESSARY).toPlainString())
        .put("currencyCode", currency);
    return bag;
  }
}
