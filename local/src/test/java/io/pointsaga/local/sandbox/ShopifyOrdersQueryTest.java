package io.pointsaga.local.sandbox;

import static io.pointsaga.local.sandbox.SandboxClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The simulated Shopify answers reconciliation's {@code orders} query in Shopify's shape: orders
 * changed since a moment, oldest change first, with line items and refunds, paged by cursor.
 */
@SandboxWebTest
class ShopifyOrdersQueryTest {
  private static final String QUERY =
      "query ChangedOrders($first: Int!, $after: String, $query: String!) {"
          + " orders(first: $first, after: $after, query: $query, sortKey: UPDATED_AT) {"
          + " pageInfo { hasNextPage endCursor } nodes { legacyResourceId } } }";

  @LocalServerPort int port;

  @Autowired SimulatedPlatform platform;

  SandboxClient client;

  @BeforeEach
  void registerShop() {
    client = SandboxClient.forNewShop(port, platform);
  }

  private String order(String customer, String price) {
    JsonNode created =
        json(
            client.post(
                "/orders",
                "{\"customerId\":\"%s\",\"lines\":[{\"price\":\"%s\",\"quantity\":2}],\"shipping\":\"4.99\"}"
                    .formatted(customer, price)));
    String orderId = created.path("orderId").asText();
    lineIds.put(orderId, created.path("lineItems").get(0).path("id").asText());
    return orderId;
  }

  private JsonNode page(Integer first, String after, String query) {
    Map<String, Object> variables = new HashMap<>();
    variables.put("first", first);
    variables.put("after", after);
    variables.put("query", query);
    return json(client.graphql(QUERY, variables));
  }

  @Test
  void ordersChangedSinceAMomentComePageByPageOldestChangeFirst() throws Exception {
    Instant before = Instant.now().minusSeconds(1);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ids.add(order("100" + i, "10.00"));
    }
    // the first order changes last: a refund moves it to the end
    Thread.sleep(5); // a later instant than the last order's
    String lineId = lineIds.get(ids.get(0));
    client.post(
        "/orders/" + ids.get(0) + "/refunds",
        "{\"lines\":[{\"lineItemId\":\"%s\",\"quantity\":1}],\"shipping\":false}"
            .formatted(lineId));

    List<String> seen = new ArrayList<>();
    String after = null;
    int pages = 0;
    do {
      JsonNode orders = page(2, after, "updated_at:>='" + before + "'").path("data").path("orders");
      orders.path("nodes").forEach(node -> seen.add(node.path("legacyResourceId").asText()));
      after =
          orders.path("pageInfo").path("hasNextPage").asBoolean()
              ? orders.path("pageInfo").path("endCursor").asText()
              : null;
      pages++;
    } while (after != null);

    assertThat(pages).isEqualTo(3);
    assertThat(seen).containsExactly(ids.get(1), ids.get(2), ids.get(3), ids.get(4), ids.get(0));
    JsonNode later = page(10, null, "updated_at:>='" + Instant.now().plusSeconds(60) + "'");
    assertThat(later.path("data").path("orders").path("nodes").size()).isZero();
    assertThat(later.path("data").path("orders").path("pageInfo").path("hasNextPage").asBoolean())
        .isFalse();
  }

  @Test
  void anOrderIsInShopifysShapeWithItsRefunds() {
    String id = order("2001", "12.50");
    client.post(
        "/orders/" + id + "/refunds",
        "{\"lines\":[{\"lineItemId\":\"%s\",\"quantity\":1}],\"shipping\":true}"
            .formatted(firstLineOf(id)));

    JsonNode node = page(250, null, "").path("data").path("orders").path("nodes").get(0);

    assertThat(node.path("legacyResourceId").asText()).isEqualTo(id);
    assertThat(node.path("displayFinancialStatus").asText()).isEqualTo("PARTIALLY_REFUNDED");
    assertThat(node.path("customer").path("legacyResourceId").asText()).isEqualTo("2001");
    assertThat(node.path("totalShippingPriceSet").path("shopMoney").path("amount").asText())
        .isEqualTo("4.99");
    JsonNode line = node.path("lineItems").path("nodes").get(0);
    assertThat(line.path("id").asText()).isEqualTo("gid://shopify/LineItem/" + firstLineOf(id));
    assertThat(line.path("quantity").asInt()).isEqualTo(2);
    assertThat(line.path("originalUnitPriceSet").path("shopMoney").path("amount").asText())
        .isEqualTo("12.50");
    JsonNode refund = node.path("refunds").get(0);
    assertThat(
            refund
                .path("refundLineItems")
                .path("nodes")
                .get(0)
                .path("subtotalSet")
                .path("shopMoney")
                .path("amount")
                .asText())
        .isEqualTo("12.50");
    assertThat(
            refund
                .path("refundShippingLines")
                .path("nodes")
                .get(0)
                .path("subtotalAmountSet")
                .path("shopMoney")
                .path("amount")
                .asText())
        .isEqualTo("4.99");
  }

  @Test
  void aQueryItCannotReadIsAVariableError() {
    assertThat(page(0, null, "").path("errors").isArray()).isTrue();
    assertThat(page(10, null, "created_at:>2026").path("errors").isArray()).isTrue();
    assertThat(page(10, "not-a-cursor", "").path("errors").isArray()).isTrue();
  }

  private String firstLineOf(String orderId) {
    return lineIds.get(orderId);
  }

  private final Map<String, String> lineIds = new HashMap<>();
}
